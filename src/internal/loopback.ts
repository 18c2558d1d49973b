/**
 * `true` for a loopback host as a URL's `hostname` spells it (`localhost`, `127.x.y.z`, `::1` with or without brackets):
 * the only hosts the SDK talks plain `http://` to (local test servers and fakes).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
