import { connect, type Socket } from 'node:net';

/** A raw TCP connection to a fake server, for requests no HTTP client would send. */
export interface RawConnection {
  socket: Socket;
  /** Everything the server sent, once it closed the connection (or `limitMs` passed: then `closed` is false). */
  received: Promise<{ text: string; closed: boolean }>;
}

/** Opens a TCP connection to `baseUrl` (an `http://127.0.0.1:port` URL). */
export async function openRaw(baseUrl: string, limitMs = 5000): Promise<RawConnection> {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname.replace(/^\[|\]$/g, ''));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (text += chunk));
  // A reset after the answer is fine: what matters is what arrived before it.
  socket.on('error', () => {});
  const received = new Promise<{ text: string; closed: boolean }>((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ text, closed: false });
    }, limitMs);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
  return { socket, received };
}

/** The status code of the first response in `text`, or `undefined` when none arrived. */
export function statusOf(text: string): number | undefined {
  const match = /^HTTP\/1\.1 (\d{3})/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Sends one complete request with `connection: close` and returns the server's answer. */
export async function rawRequest(baseUrl: string, head: string, body = '', limitMs?: number): Promise<{ text: string; closed: boolean }> {
  const connection = await openRaw(baseUrl, limitMs);
  connection.socket.write(`${head}\r\nHost: fake\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  return connection.received;
}
