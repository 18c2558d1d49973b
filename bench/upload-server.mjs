// A files API on 127.0.0.1 for bench/upload.mjs, in its own process so that the process measured runs only the client:
// every POST is read to its end (bytes counted, not kept) and answered as EvoLink's files API answers an upload.
// Prints its URL, then serves until its parent goes away.
import { createServer } from 'node:http';

let next = 0;
const server = createServer((req, res) => {
  let bytes = 0;
  req.on('data', (chunk) => {
    bytes += chunk.length;
  });
  req.on('end', () => {
    const id = `file_bench_${++next}`;
    const url = `http://127.0.0.1:${server.address().port}/files/${id}.mp4`;
    const body = JSON.stringify({
      success: true,
      code: 200,
      msg: 'ok',
      data: { file_id: id, file_url: url, download_url: url, file_size: bytes, mime_type: 'video/mp4' },
    });
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': `req-${next}` });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0)).resume();
