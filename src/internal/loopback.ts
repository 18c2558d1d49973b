/**
 * `true` for a loopback host as a URL's `hostname` spells it (`localhost`, `127.x.y.z`, `::1` with or without brackets):
 * the only hosts the SDK talks plain `http://` to (local test servers and fakes).
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

/**
 * An absolute `https:` URL, or `http:` to a loopback host (local test servers): the only links the SDK hands to an
 * application as results or uploads (never `javascript:`, `file:`, `data:` or a plain `http:` host).
 */
export function isUsableLink(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  if (url.protocol === 'https:') return url.hostname !== '';
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}
