#!/usr/bin/env bash
# Makes the clip and sound fixtures of the media checks (test/fixtures/media/av/) with ffmpeg, once; the files and
# manifest.json (ffprobe's measurements, the reference the tests compare the SDK's reader with) are committed, so CI
# needs no ffmpeg. Rerun after changing this script: `apt-get install -y ffmpeg && bash scripts/make-media-fixtures.sh`.
# Files are kept small: black frames at 2 fps, 8 kbit/s mono MP3, 8-bit 1 kHz WAV.
set -euo pipefail
out="$(dirname "$0")/../test/fixtures/media/av"
rm -rf "$out" && mkdir -p "$out" && cd "$out"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

# clip NAME SECONDS WIDTH HEIGHT [extra ffmpeg output options…]: H.264 4:4:4 (odd sizes allowed), moov at the end.
clip() {
  local name=$1 seconds=$2 width=$3 height=$4
  shift 4
  ff -f lavfi -i "color=c=black:size=240x240:rate=2:duration=$seconds" -vf "scale=$width:$height,setsar=1" \
    -c:v libx264 -preset ultrafast -crf 51 -pix_fmt yuv444p "$@" "$name"
}
for s in 0.5 1 2 4.5 6 10 11 15 16 30 31; do clip "clip-${s}s.mp4" "$s" 240 240; done
clip clip-239x240.mp4 2 239 240
clip clip-4096x512.mp4 2 4096 512
clip clip-4097x513.mp4 2 4097 513
clip clip-240x1920.mp4 2 240 1920
clip clip-240x1921.mp4 2 240 1921
clip clip-1920x240.mp4 2 1920 240
clip clip-1928x240.mp4 2 1928 240
clip clip-faststart.mp4 3 480 270 -movflags +faststart
clip clip.mov 3 480 270 -f mov
clip clip-fragmented.mp4 3 480 270 -movflags frag_keyframe+empty_moov
# A sound track first, so the video track is not the first trak.
ff -f lavfi -i sine=frequency=440:duration=3:sample_rate=8000 -f lavfi -i color=c=black:size=480x270:rate=2:duration=3 \
  -map 0:a -map 1:v -c:a aac -b:a 8k -c:v libx264 -preset ultrafast -crf 51 -pix_fmt yuv420p clip-audio-first.mp4

# sound NAME SECONDS [extra options…]: MP3 (LAME's Info frame, CBR) unless the options say otherwise.
sound() {
  local name=$1 seconds=$2
  shift 2
  ff -f lavfi -i "sine=frequency=440:duration=$seconds:sample_rate=24000" -ac 1 "$@" "$name"
}
for s in 0.5 1 2 3 10 11 15 16 30 31; do sound "sound-${s}s.mp3" "$s" -b:a 8k; done
sound sound-vbr-5s.mp3 5 -q:a 9
sound sound-noxing-5s.mp3 5 -b:a 8k -write_xing 0
for s in 1 2 30 31; do sound "sound-${s}s.wav" "$s" -ar 1000 -c:a pcm_u8; done

# manifest.json: what ffprobe measured, per file (its numbers as JSON numbers).
for f in *; do
  [ "$f" = manifest.json ] && continue
  size=$(ffprobe -v error -select_streams v:0 -show_entries stream=width,height -of csv=p=0 "$f" || true)
  echo "$f,$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$f"),$size"
done | node -e '
  const rows = require("node:fs").readFileSync(0, "utf8").trim().split("\n").map((line) => line.split(","));
  const manifest = Object.fromEntries(rows.map(([file, duration, width, height]) =>
    [file, width ? { duration: Number(duration), width: Number(width), height: Number(height) } : { duration: Number(duration) }]));
  console.log(JSON.stringify(manifest, null, 2));
' >manifest.json
du -sh .
