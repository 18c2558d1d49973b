// Preloaded into every README block's process: a connection to anything but loopback fails the block, so a sample
// can never reach the real API (the fake server is on 127.0.0.1), even if the sample catches the error.
import net from 'node:net';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;
const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  // net.connect passes [options, callback] as one array; socket.connect(options | port, host?) otherwise.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options: { host?: unknown; path?: unknown } = typeof first === 'object' && first !== null ? first : { host: args[1] };
  if (!options.path && !LOOPBACK.test(String(options.host ?? 'localhost'))) {
    const message = `README block tried to connect to ${String(options.host)}: samples must stay on the fake server`;
    console.error(message);
    process.exitCode = 1;
    throw new Error(message);
  }
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;
