import { afterEach } from 'vitest';
import { WanClient, type ClientOptions } from '../../src/index.js';
import { FakeEvoLinkServer, type FakeServerOptions } from '../../src/testing/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

/** A fake server and a client pointed at it; both closed after the test. */
export async function setup(serverOptions: FakeServerOptions = {}, clientOptions: ClientOptions = {}) {
  const server = await FakeEvoLinkServer.start(serverOptions);
  const client = new WanClient({ apiKey: server.apiKey, baseURL: server.url, filesBaseURL: server.filesUrl, ...clientOptions });
  open.push(client, server);
  return { server, client };
}
