import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { callbackUrl, isInternalHost } from '../../src/models/fragments.js';
import { buildGenerationRequest } from '../../src/request/build-generation.js';

/** The issue message zod gives for `https://<host>/hook`, or `undefined` when the URL is accepted. */
function problemWith(host: string): string | undefined {
  const parsed = callbackUrl().safeParse(`https://${host}/hook`);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message).join('; ');
}

// [host as typed in the URL, words the message must contain (the normalised address and why)]
const REFUSED: [string, string][] = [
  // names
  ['localhost', 'localhost names this machine'],
  ['LOCALHOST', 'localhost names this machine'],
  ['localhost.', 'localhost. names this machine'],
  ['localhost..', 'localhost.. names this machine'],
  ['localhost。', 'localhost. names this machine'], // ideographic full stop, IDNA-mapped to '.'
  ['ⓛⓞⓒⓐⓛⓗⓞⓢⓣ', 'localhost names this machine'],
  ['sub.localhost', 'under .localhost'],
  ['sub.localhost.', 'under .localhost'],
  ['Sub.LocalHost.', 'under .localhost'],
  ['printer.local', 'under .local'],
  ['metadata.google.internal', 'under .internal'],
  ['router.home.arpa', 'under .home.arpa'],
  ['localhost.localdomain', 'under .localdomain'],
  ['intranet', 'single-label name'],
  // IPv4 in every spelling WHATWG accepts
  ['127.0.0.1', '127.0.0.1 is a loopback address'],
  ['127.0.0.1.', '127.0.0.1 is a loopback address'],
  ['127.0.0.1..', '127.0.0.1 is a loopback address'],
  ['2130706433', '127.0.0.1 is a loopback address'],
  ['0x7f.1', '127.0.0.1 is a loopback address'],
  ['0x7F000001', '127.0.0.1 is a loopback address'],
  ['0177.0.0.1', '127.0.0.1 is a loopback address'],
  ['127.1', '127.0.0.1 is a loopback address'],
  ['127.255.255.254', '127.255.255.254 is a loopback address'],
  ['%31%32%37.0.0.1', '127.0.0.1 is a loopback address'],
  ['１２７.０.０.１', '127.0.0.1 is a loopback address'],
  ['public.example.com@127.0.0.1', '127.0.0.1 is a loopback address'], // userinfo, not host
  ['127.0.0.1\\@public.example.com', '127.0.0.1 is a loopback address'], // '\' ends the host in https URLs
  ['0', '0.0.0.0 is an unspecified'],
  ['0.0.0.0', '0.0.0.0 is an unspecified'],
  ['0.1.2.3', '0.1.2.3 is an unspecified'],
  ['10.0.0.1', '10.0.0.1 is a private address'],
  ['167772161', '10.0.0.1 is a private address'],
  ['10.255.255.255', '10.255.255.255 is a private address'],
  ['172.16.0.1', '172.16.0.1 is a private address'],
  ['172.31.255.255', '172.31.255.255 is a private address'],
  ['192.168.1.10', '192.168.1.10 is a private address'],
  ['0xc0.0xa8.1.10', '192.168.1.10 is a private address'],
  ['169.254.169.254', '169.254.169.254 is a link-local address'],
  ['2852039166', '169.254.169.254 is a link-local address'],
  ['100.64.0.1', '100.64.0.1 is a carrier-grade NAT address'],
  ['100.127.255.255', '100.127.255.255 is a carrier-grade NAT address'],
  ['224.0.0.1', '224.0.0.1 is a multicast address'],
  ['239.255.255.250', '239.255.255.250 is a multicast address'],
  ['255.255.255.255', '255.255.255.255 is the broadcast address'],
  ['4294967295', '255.255.255.255 is the broadcast address'],
  ['240.0.0.1', '240.0.0.1 is a reserved'],
  ['192.0.2.1', '192.0.2.1 is a reserved'], // TEST-NET-1
  ['198.18.0.1', '198.18.0.1 is a reserved'], // benchmarking
  ['192.52.193.1', '192.52.193.1 is a special-purpose address (amt)'],
  // IPv6
  ['[::1]', '[::1] is a loopback address'],
  ['[0:0:0:0:0:0:0:1]', '[::1] is a loopback address'],
  ['[::]', '[::] is an unspecified'],
  ['[fe80::1]', '[fe80::1] is a link-local address'],
  ['[FEBF::1]', '[febf::1] is a link-local address'],
  ['[fc00::1]', '[fc00::1] is a unique-local address'],
  ['[fd12:3456:789a::1]', '[fd12:3456:789a::1] is a unique-local address'],
  ['[fec0::1]', '[fec0::1] is a site-local address'],
  ['[ff02::1]', '[ff02::1] is a multicast address'],
  ['[ff0e::1]', '[ff0e::1] is a multicast address'],
  ['[2001:db8::1]', '[2001:db8::1] is a reserved or documentation address'],
  ['[2001::1]', '[2001::1] is a Teredo tunnel address'],
  ['[64:ff9b:1::1]', '[64:ff9b:1::1] is a special-purpose address (rfc6052)'], // local-use NAT64 (RFC 8215)
  // IPv6 forms that carry an IPv4 address
  ['[::ffff:127.0.0.1]', '[::ffff:7f00:1] embeds 127.0.0.1, a loopback address'],
  ['[::ffff:7f00:1]', '[::ffff:7f00:1] embeds 127.0.0.1, a loopback address'],
  ['[0:0:0:0:0:ffff:a9fe:a9fe]', '[::ffff:a9fe:a9fe] embeds 169.254.169.254, a link-local address'],
  ['[::ffff:0:10.0.0.1]', '[::ffff:0:a00:1] embeds 10.0.0.1, a private address'],
  ['[64:ff9b::10.0.0.1]', '[64:ff9b::a00:1] embeds 10.0.0.1, a private address'],
  ['[64:ff9b::7f00:1]', '[64:ff9b::7f00:1] embeds 127.0.0.1, a loopback address'],
  ['[2002:a9fe:a9fe::]', '[2002:a9fe:a9fe::] embeds 169.254.169.254, a link-local address'],
  ['[2002:c0a8:101::1]', '[2002:c0a8:101::1] embeds 192.168.1.1, a private address'],
  ['[::127.0.0.1]', '[::7f00:1] embeds 127.0.0.1, a loopback address'],
  ['[::10.0.0.1]', '[::a00:1] embeds 10.0.0.1, a private address'],
  ['[::0.0.0.2]', '[::2] embeds 0.0.0.2, an unspecified'],
];

const ACCEPTED: string[] = [
  'example.com',
  'your-domain.com',
  'hooks.example.com.', // a trailing dot on a public name is still that name
  'EXAMPLE.COM',
  'xn--bcher-kva.example', // IDN
  'bücher.example',
  // Names that embed an IP or the word localhost are DNS names: judged by name only, not resolved (documented).
  'localhost.example.com',
  'localhost-hooks.example.com',
  '127.0.0.1.nip.io',
  '10.0.0.1.sslip.io',
  '0x7f.0.0.1.example.com',
  'local.example.com',
  'internal.example.com',
  // Public IPv4 next to the private ranges
  '8.8.8.8',
  '1.1.1.1',
  '134744072', // 8.8.8.8 as one number
  '9.255.255.255',
  '11.0.0.1',
  '172.15.255.255',
  '172.32.0.1',
  '192.167.255.255',
  '192.169.0.1',
  '169.253.255.255',
  '100.63.255.255',
  '100.128.0.1',
  '223.255.255.255',
  '1.0.0.0',
  // Public IPv6, and IPv4-carrying forms whose IPv4 is public
  '[2606:4700:4700::1111]',
  '[2001:4860:4860::8888]',
  '[2a00:1450:4001:81c::200e]',
  '[::ffff:8.8.8.8]',
  '[64:ff9b::8.8.8.8]',
  '[2002:808:808::1]',
  '[fbff::1]', // just below fc00::/7
  '[fe00::1]', // between fc00::/7 and fe80::/10: not allocated, not internal
];

describe('callback_url host', () => {
  it.each(REFUSED)('refuses %s', (host, words) => {
    const message = problemWith(host);
    expect(message).toContain('must use a public https:// host that EvoLink can reach');
    expect(message).toContain(words);
  });

  it.each(ACCEPTED)('accepts %s', (host) => {
    expect(problemWith(host)).toBeUndefined();
  });

  it.each([
    ['2130706433', true],
    ['0x7f.1', true],
    ['::ffff:127.0.0.1', true],
    ['[::ffff:127.0.0.1]', true],
    ['fe80::1', true],
    ['Localhost.', true],
    ['8.8.8.8', false],
    ['2606:4700:4700::1111', false],
    ['example.com', false],
    // not one host: refused rather than guessed at
    ['', true],
    ['example.com/path', true],
    ['example.com:443', true],
    ['user@example.com', true],
    ['fe80::1%eth0', true],
  ])('isInternalHost(%j) normalises a bare hostname: %s', (host, internal) => {
    expect(isInternalHost(host)).toBe(internal);
  });

  const NOT_URLS: [unknown, string][] = [
    ['', 'an empty string'],
    ['not a url', 'plain words'],
    ['https://', 'no host'],
    ['https://[::1', 'an unclosed bracket'],
    ['https://[fe80::1%25eth0]/', 'a zone id'],
    [42, 'a number'],
    [null, 'null'],
    [{ href: 'https://127.0.0.1' }, 'an object'],
  ];
  it.each(NOT_URLS)('reports %j (%s) as an issue without throwing', (value) => {
    expect(callbackUrl().safeParse(value).success).toBe(false);
  });

  it('is a ValidationError on callback_url through the request builder, even for an empty string', () => {
    for (const value of ['', 'https://0x7f.1/hook']) {
      let caught: unknown;
      try {
        buildGenerationRequest({ model: 'wan2.7-text-to-video', prompt: 'a cat', callback_url: value });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(ValidationError);
      expect((caught as ValidationError).issues.map((issue) => issue.path.join('.'))).toContain('callback_url');
    }
  });
});
