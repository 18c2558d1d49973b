import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { listenOnLoopback } from './loopback.js';

/** A forward proxy on 127.0.0.1 that records what went through it. */
export interface LoopbackProxy {
  url: string;
  /** `CONNECT host:port` tunnels opened (undici's ProxyAgent tunnels by default). */
  tunnels: string[];
  /** Absolute-form requests forwarded (`GET http://host/path`). */
  forwarded: string[];
  close(): Promise<void>;
}

/**
 * The smallest HTTP proxy that real clients accept: CONNECT tunnels and absolute-form forwarding, to loopback targets
 * only (anything else is refused with 403, so a test can never reach the network through it).
 */
export async function startProxy(): Promise<LoopbackProxy> {
  const tunnelled = new Set<Socket>();
  const state: LoopbackProxy = { url: '', tunnels: [], forwarded: [], close: async () => {} };
  const isLoopback = (host: string | undefined): boolean => host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  const server: Server = createServer((req, res) => {
    const target = URL.canParse(req.url ?? '') ? new URL(req.url!) : undefined;
    if (!target || !isLoopback(target.hostname)) {
      res.writeHead(403).end();
      return;
    }
    state.forwarded.push(`${req.method} ${target.href}`);
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    const [host, port] = (req.url ?? '').split(/:(?=\d+$)/);
    if (!isLoopback(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    state.tunnels.push(req.url ?? '');
    const upstream = connect(Number(port), host === 'localhost' ? '127.0.0.1' : host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      tunnelled.add(socket);
      socket.on('close', () => tunnelled.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
  });
  const listening = await listenOnLoopback(server);
  state.url = listening.url;
  state.close = async () => {
    for (const socket of tunnelled) socket.destroy();
    await listening.close();
  };
  return state;
}
