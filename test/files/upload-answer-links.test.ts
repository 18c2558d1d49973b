// Upload answers are checked like task answers: a file_url or download_url that is not https: (or http: to loopback,
// for local servers) is an InvalidResponseError, never handed to the application.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { fileFrom, InvalidResponseError } from '../../src/index.js';
import { setup } from '../support/fake.js';
import { CAT_JPG } from '../support/media.js';

const answer = (data: Record<string, unknown>) => (req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  const body = JSON.stringify({
    success: true,
    code: 200,
    msg: 'ok',
    data: { file_id: 'file_1', file_name: 'cat.jpg', file_size: 1, mime_type: 'image/jpeg', ...data },
  });
  res.writeHead(200, { 'content-type': 'application/json' }).end(body);
};

describe('upload answers', () => {
  it.each([
    ['file_url', 'javascript:alert(1)', 'javascript:'],
    ['file_url', 'file:///etc/passwd', 'file:'],
    ['file_url', 'data:text/html,<script>1</script>', 'data:'],
    ['file_url', 'http://files.example.com/a.jpg', 'http:'],
    ['file_url', 'ftp://files.example.com/a.jpg', 'ftp:'],
    ['file_url', 'not a url', 'not a URL'],
    ['download_url', 'javascript:alert(1)', 'javascript:'],
  ])('a %s of %s is refused, naming its scheme only', async (field, link, scheme) => {
    const { server, client } = await setup();
    const data = { file_url: 'https://files.example.com/a.jpg', [field]: link };
    server.inject({ kind: 'custom', method: 'POST', on: 'files', respond: answer(data) });
    const error = await client.files.upload(fileFrom(CAT_JPG)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ reason: 'invalid_shape' });
    expect((error as Error).message).toContain(`${field} that is not an https: link (${scheme})`);
    expect((error as Error).message).not.toContain(link);
  });

  it.each(['https://files.example.com/a.jpg', 'http://127.0.0.1:9/a.jpg', 'http://[::1]:9/a.jpg'])('%s is accepted', async (link) => {
    const { server, client } = await setup();
    server.inject({ kind: 'custom', method: 'POST', on: 'files', respond: answer({ file_url: link, download_url: link }) });
    await expect(client.files.upload(fileFrom(CAT_JPG))).resolves.toMatchObject({ url: link, downloadUrl: link });
  });
});
