import ipaddr from 'ipaddr.js';

// Judges the host of a `callback_url` the way a careful server would: normalise first, then allow only public
// unicast addresses. The WHATWG URL parser already canonicalises every IPv4 spelling (`2130706433`, `0x7f.1`,
// `0177.0.0.1`, `127.1`, full-width digits, percent-escapes) to a dotted quad, lowercases and IDNA-maps names and
// compresses IPv6, so the host goes through it first; ipaddr.js then names the range of an address.
//
// DNS names are judged by name only: we do not resolve them, so `127.0.0.1.nip.io` or any public name pointing at a
// private address passes here (a name can change what it resolves to between our check and EvoLink's call anyway);
// EvoLink's own server-side check is the guard for those.

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

/** Plain-words names of the ipaddr.js ranges that are not public unicast. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified ("this network") address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud metadata services live)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT address (100.64.0.0/10)',
  private: 'a private address',
  uniqueLocal: 'a unique-local address (fc00::/7)',
  deprecatedSiteLocal: 'a site-local address (fec0::/10)',
  reserved: 'a reserved or documentation address',
  teredo: 'a Teredo tunnel address',
};

/** DNS suffixes that only ever name hosts inside a network (RFC 6761, RFC 6762, RFC 8375, ICANN's `.internal`). */
const INTERNAL_SUFFIXES = ['localhost', 'local', 'internal', 'home.arpa', 'localdomain'];

/** The NAT64 well-known prefix (RFC 6052). */
const NAT64_WELL_KNOWN = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

/**
 * Why EvoLink would refuse to call back `hostname`, in words (`'127.0.0.1 is a loopback address'`), or `undefined`
 * for a public host. Accepts a URL's `hostname` (IPv6 in brackets or not) in any spelling the WHATWG URL parser
 * accepts; anything that is not a valid host at all is refused too (fail closed).
 */
export function describeInternalHost(hostname: string): string | undefined {
  const host = canonicalHost(hostname);
  if (host === undefined) return `${JSON.stringify(hostname)} is not a valid host name`;
  if (host.startsWith('[')) return describeIPv6(host.slice(1, -1), host);
  // A trailing dot names the same host (`localhost.`); WHATWG keeps it on names, and `127.0.0.1..` is not an IPv4 to it.
  const name = host.replace(/\.+$/, '');
  const { IPv4 } = ipaddr;
  if (IPv4.isValidFourPartDecimal(name)) return describeAddress(IPv4.parse(name), name);
  return describeName(name, host);
}

/** `true` for hosts EvoLink refuses to call back (see {@link describeInternalHost}). */
export function isInternalHost(hostname: string): boolean {
  return describeInternalHost(hostname) !== undefined;
}

/**
 * Why a `callback_url` string's host is refused, or `undefined` when its host is public or the string is not a
 * URL at all (the URL check reports that). Never throws.
 */
export function callbackHostProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  return describeInternalHost(new URL(value).hostname);
}

/** The WHATWG-canonical host, or `undefined` when `hostname` is not one host (has a path, port, userinfo…). */
function canonicalHost(hostname: string): string | undefined {
  if (hostname === '' || /[\s/\\?#@]/.test(hostname)) return undefined;
  const bracketed = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
  if (!URL.canParse(`https://${bracketed}/`)) return undefined;
  const url = new URL(`https://${bracketed}/`);
  // A `host:port` spelling would parse with a port; that is not a bare host.
  return url.port === '' ? url.hostname : undefined;
}

/** Plain words for a non-public address's range, or `undefined` for public unicast. */
function rangeWords(address: IPv4 | IPv6): string | undefined {
  const range = address.range();
  if (range === 'unicast') return undefined;
  return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
}

function describeAddress(address: IPv4 | IPv6, shown: string): string | undefined {
  const words = rangeWords(address);
  return words === undefined ? undefined : `${shown} is ${words}`;
}

function describeIPv6(bare: string, shown: string): string | undefined {
  const { IPv6 } = ipaddr;
  if (!IPv6.isValid(bare)) return `${shown} is not a valid IPv6 address`;
  const address = IPv6.parse(bare);
  const embedded = embeddedIPv4(address);
  if (embedded === undefined) return describeAddress(address, shown);
  const words = rangeWords(embedded);
  return words === undefined ? undefined : `${shown} embeds ${embedded.toString()}, ${words}`;
}

/**
 * The IPv4 address an IPv6 form carries, for forms a network can turn into an IPv4 connection: IPv4-mapped
 * (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) and 6to4
 * (`2002:AABB:CCDD::`).
 */
function embeddedIPv4(address: IPv6): IPv4 | undefined {
  const { IPv4 } = ipaddr;
  const p = address.parts;
  const low32 = (): IPv4 => new IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  const range = address.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145') return low32();
  if (range === 'rfc6052' && address.match(NAT64_WELL_KNOWN)) return low32();
  if (range === '6to4') return new IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
  // IPv4-compatible `::a.b.c.d` (deprecated, still accepted by some stacks); `::` and `::1` are judged as themselves.
  const compatible = p.slice(0, 6).every((part) => part === 0) && (p[6] !== 0 || p[7]! > 1);
  return compatible ? low32() : undefined;
}

function describeName(name: string, shown: string): string | undefined {
  if (!name.includes('.')) {
    return name === 'localhost'
      ? `${shown} names this machine`
      : `${shown} is a single-label name, which only resolves inside a network (use a fully qualified public domain)`;
  }
  const suffix = INTERNAL_SUFFIXES.find((s) => name === s || name.endsWith(`.${s}`));
  return suffix === undefined ? undefined : `${shown} is under .${suffix}, which only names hosts inside a network`;
}
