// A local photo in, an MP4 on disk out: examples/assets/cat.jpg → out/cat.mp4. The photo is checked (format, size,
// pixels) before anything is uploaded or billed, streamed to EvoLink's files API, and the result is saved to disk.
import { WanClient, fileFrom } from 'evolink-wan';

const client = new WanClient(); // EVOLINK_API_KEY (and optionally EVOLINK_FILES_BASE_URL) from the environment
try {
  const video = await client
    .imageToVideo({ prompt: 'The cat plays a cheerful tune on the piano', image_start: fileFrom('examples/assets/cat.jpg') })
    .waitForResult({ onProgress: (task) => console.log(task.status, task.progress) });
  let shown = 0;
  const saved = await video.download('out/cat.mp4', {
    onProgress: ({ received, total }) => {
      const percent = total ? Math.floor((received / total) * 100) : 0;
      if (percent >= shown) {
        console.log(`downloading ${percent}%`);
        shown = percent + 25;
      }
    },
  });
  console.log(`saved ${saved.bytes} bytes (${saved.contentType}) to ${saved.path}`);
} finally {
  await client.close();
}
