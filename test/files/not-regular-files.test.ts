// Local paths that are not regular files (a FIFO, a socket, a device, a folder) are refused from their type, read
// with stat before anything opens them: opening a FIFO blocks a libuv thread until a writer appears, which no signal
// or timeout of the SDK could end. Each refusal is a ValidationError naming the field and the path.
import { execFileSync } from 'node:child_process';
import { constants, existsSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFrom, ValidationError } from '../../src/index.js';
import { setup } from '../support/fake.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-not-regular-'));
const fifo = join(dir, 'photo.jpg');
const socketPath = join(dir, 'clip.mp4');
let socketServer: Server;

beforeAll(async () => {
  execFileSync('mkfifo', [fifo]);
  socketServer = createServer();
  await new Promise<void>((resolve) => socketServer.listen(socketPath, resolve));
});

afterAll(async () => {
  // Were a FIFO ever opened for reading (the bug), a writer that comes and goes frees the blocked thread.
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader was waiting, as it should be.
  }
  await new Promise<void>((resolve) => socketServer.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

const PATHS: [string, string, RegExp][] = [
  ['a FIFO (named pipe)', fifo, /is a named pipe \(FIFO\), not a regular file/],
  ['a Unix socket', socketPath, /is a socket, not a regular file/],
  ['/dev/zero (an endless character device)', '/dev/zero', /is a device, not a regular file/],
  ['/dev/null', '/dev/null', /is a device, not a regular file/],
  ['a folder', dir, /is a folder, not a file/],
];

describe('local paths that are not regular files', () => {
  it.each(PATHS)('%s in a media field is a ValidationError naming the field and the path', async (_name, path, said) => {
    expect(existsSync(path)).toBe(true);
    const { server, client } = await setup();
    const error = await client.imageToVideo({ prompt: 'A cat', image_start: fileFrom(path) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const [issue] = (error as ValidationError).issues;
    expect(issue).toMatchObject({ path: ['image_start'], code: 'unreadable_file' });
    expect(issue?.message).toContain(`image_start: ${path}: `);
    expect(issue?.message).toMatch(said);
    expect(server.fileRequests).toHaveLength(0);
    expect(server.postCount).toBe(0);
  });

  it.each(PATHS)('%s given to client.files.upload() is refused at once, nothing sent', async (_name, path, said) => {
    const { server, client } = await setup();
    const error = await client.files.upload(fileFrom(path), { signal: AbortSignal.timeout(60_000) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toContain(path);
    expect((error as ValidationError).message).toMatch(said);
    expect(server.fileRequests).toHaveLength(0);
  });
});
