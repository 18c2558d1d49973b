// A minimal JSON API on 127.0.0.1, run as its own process so that the process being measured runs only the client.
// Any GET answers a running task, any POST a created one (realistic EvoLink bodies). Prints its URL, then serves until
// its parent goes away.
import { createServer } from 'node:http';

const TASK = {
  id: 'task-unified-1757169743-7cvnl5zw',
  object: 'video.generation.task',
  created: 1757169743,
  model: 'wan2.7-image-to-video',
  status: 'processing',
  progress: 42,
  task_info: { can_cancel: true },
  type: 'video',
};
const CREATED = {
  ...TASK,
  status: 'pending',
  progress: 0,
  task_info: { can_cancel: true, estimated_time: 120 },
  usage: { billing_rule: 'per_call', credits_reserved: 7, user_group: 'default' },
};
const bodies = { GET: JSON.stringify(TASK), POST: JSON.stringify(CREATED) };

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const body = bodies[req.method] ?? bodies.GET;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-request-id': 'req-1' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0)).resume();
