/**
 * The guarantees of local files, downloads and callbacks, each with the test that holds it (rendered into
 * docs/reliability.md by render-doc.ts; the fault matrix checks the document is up to date).
 */
export const IO_GUARANTEES: readonly string[] = [
  '',
  'Files, downloads and callbacks:',
  '',
  '- **Text is text.** Format sniffing tries strong signatures first (`ftyp`, `RIFF`, `%PDF-`, bytes no text has),',
  '  then valid UTF-8 is text, then the loose ones (`G` for MPEG-TS, `ID3`, `FLV`; image-size reading `BM…` as a',
  "  bitmap): a note starting with them is plain text for wan3.0's `model_params.file_url` (test/files/",
  '  text-sniffing.test.ts, "format sniffing: strong signatures first, then valid UTF-8 is text").',
  '- **A path that is not a regular file is refused from its type**, read with `stat` before anything opens it',
  '  (and opened non-blocking, checked again on the handle): a FIFO, a socket or a device (`/dev/zero`) is a',
  '  `ValidationError` naming the field and the path, never an upload that hangs past its signal (test/files/',
  '  not-regular-files.test.ts, "local paths that are not regular files").',
  '- **A resumed download never stitches two versions.** A 200 to a resume (`Range` + `If-Range`) is written again',
  '  from byte 0 into a truncated file; a 206 whose length or validator differs, or a whole file sent again to a',
  '  stream without the same strong ETag, is a `DownloadError` (test/files/download-changed-file.test.ts, "a resumed',
  '  download that meets a changed file").',
  '- **Each download has its own temporary file**, `<dest>.<random>.part` created with `wx` (never an existing file,',
  '  never through a symbolic link) and renamed when complete: 2, 3 or 10 downloads to one path at once each resolve',
  '  on a complete, unmixed file (test/files/download-part-files.test.ts, "temporary download files").',
  '- **Callback bodies are read within the limit, as they arrive**: past 1 MiB (declared, chunked, or endless) the',
  '  handler answers 413 and cancels the body (Fetch) or stops reading and closes the connection (node:http)',
  '  (test/observability/callback-body-limit.test.ts, "the Fetch handler reads a callback body within the limit, as',
  '  it arrives", "the node:http adapter stops reading past the limit and closes the connection").',
  '- **Callback replays cost nothing**: a task already handled is not read again, deliveries of a task being verified',
  '  share one read, at most `maxConcurrentVerifications` (4) reads run at once, and past 1,000 waiting tasks a',
  '  delivery is answered 503 (test/observability/callback-replays.test.ts, "callback replays cost nothing").',
  '- **A failed `onTask` is not swallowed**: a task counts as handled only once `onTask` resolved, so the next',
  '  delivery reaches `onTask` again (test/observability/callback-replays.test.ts, "a failed onTask is not',
  '  swallowed").',
];
