import { afterEach } from 'vitest';
import { WanClient, type ClientOptions } from '../../src/index.js';
import { FakeNovitaServer, type FakeNovitaServerOptions } from '../../src/testing/index.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((x) => x.close()));
});

/** A fake novita server and a novita client pointed at it; both closed after the test. */
export async function setupNovita(serverOptions: FakeNovitaServerOptions = {}, clientOptions: ClientOptions = {}) {
  const server = await FakeNovitaServer.start(serverOptions);
  const client = new WanClient({ provider: 'novita', apiKey: server.apiKey, baseURL: server.url, ...clientOptions });
  open.push(client, server);
  return { server, client };
}
