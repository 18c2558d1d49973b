import { Agent } from 'undici';

/**
 * An undici Agent whose name lookups fail with ENOTFOUND, exactly as getaddrinfo reports an unknown host. The failure
 * happens inside undici's real connect path, but no DNS query leaves the machine (tests send traffic to loopback only).
 */
export function dnsFailingDispatcher(): Agent {
  return new Agent({
    connect: {
      lookup: (hostname: string, _options: unknown, callback: (error: Error) => void) => {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', hostname }));
      },
    } as never,
  });
}
