// Every kind of local media a media field takes, and the files API used directly.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { WanClient, fileFrom } from 'evolink-wan';

const client = new WanClient();
const photo = 'examples/assets/cat.jpg';
try {
  const bytes = await readFile(photo); // a Buffer (a Uint8Array and an ArrayBuffer work too)
  const inputs = {
    'fileFrom(path)': fileFrom(photo), // opened lazily, streamed, never held whole
    'file: URL': pathToFileURL(photo),
    Blob: new Blob([bytes], { type: 'image/jpeg' }),
    File: new File([bytes], 'cat.jpg'),
    Buffer: bytes,
    ArrayBuffer: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  };
  for (const [kind, image] of Object.entries(inputs)) {
    const task = await client.imageToVideo({ prompt: 'The cat plays the piano', image_start: image });
    console.log(`${kind}: created ${task.id}`);
  }
  // The same bytes are uploaded once per client while the upload lives (72 h): the six tasks above share one upload.
  // Upload once yourself and reuse the URL:
  const uploaded = await client.files.upload(fileFrom(photo), {
    onProgress: ({ sent, total }) => console.log(`uploaded ${sent}/${total}`),
  });
  console.log(`${uploaded.url} (expires ${uploaded.expiresAt.toISOString()})`);
  const { used, max } = await client.files.quota();
  console.log(`files stored: ${used} of ${max}`);
} finally {
  await client.close();
}
