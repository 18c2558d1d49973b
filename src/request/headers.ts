import { InvalidOptionError } from '../errors/index.js';
import { describeValue } from '../internal/check-option.js';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers only the SDK sets; `user-agent` is special: yours is kept and the SDK's token appended. */
const SDK_OWNED: Record<string, string> = {
  authorization: 'pass the key as the apiKey option (or the provider’s API-key environment variable) instead',
  'content-type': 'the SDK sends JSON and sets it',
};

/** Lower-cased header names mapped to checked values. */
export type HeaderRecord = Record<string, string>;

/** Why a header value cannot be sent, or `undefined` when it can (HTTP field-value: no CR, LF, NUL, no char > U+00FF). */
function badValue(value: string): string | undefined {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f)
      return `a control character (U+${code.toString(16).padStart(4, '0').toUpperCase()}) at position ${i}`;
    if (code > 0xff) return `a non-Latin-1 character (U+${code.toString(16).padStart(4, '0').toUpperCase()}) at position ${i}`;
  }
  return undefined;
}

/**
 * Checks a headers option (`defaultHeaders` or a call's `headers`) and returns it with lower-cased names. Values are
 * never quoted in messages: they may be credentials.
 */
export function checkHeaders(option: string, headers: unknown): HeaderRecord {
  if (headers === undefined) return {};
  if (headers === null || typeof headers !== 'object' || Array.isArray(headers)) {
    throw new InvalidOptionError(option, `${option} must be an object of header names to string values; got ${describeValue(headers)}.`);
  }
  const out: HeaderRecord = {};
  for (const [name, value] of Object.entries(headers)) {
    const where = `${option}.${name}`;
    const lower = name.toLowerCase();
    if (!TOKEN.test(name)) throw new InvalidOptionError(where, `${option} has an invalid header name ${JSON.stringify(name)}.`);
    if (Object.hasOwn(SDK_OWNED, lower)) throw new InvalidOptionError(where, `${where} cannot be set: ${SDK_OWNED[lower]}.`);
    if (typeof value !== 'string') throw new InvalidOptionError(where, `${where} must be a string; got ${describeValue(value)}.`);
    const problem = badValue(value);
    if (problem) throw new InvalidOptionError(where, `${where} contains ${problem}; header values must be plain single-line text.`);
    if (Object.hasOwn(out, lower))
      throw new InvalidOptionError(where, `${option} sets ${lower} twice (header names are case-insensitive).`);
    out[lower] = value;
  }
  return out;
}

/**
 * Checks an API key where it is configured. Messages say what is wrong and where, never the key itself.
 * @param source where the key came from, for the message (`apiKey` or an environment variable name)
 */
export function checkApiKey(key: unknown, source: string, hint: string): string {
  if (key === undefined || key === '') throw new InvalidOptionError('apiKey', `No API key: ${hint}`);
  if (typeof key !== 'string')
    throw new InvalidOptionError('apiKey', `The API key from ${source} must be a string; got ${describeValue(typeof key)}.`);
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    const what =
      code <= 0x20 || code === 0x7f
        ? code === 0x20 || code === 0x09
          ? 'whitespace'
          : 'a control character'
        : code > 0x7e
          ? `a non-ASCII character (U+${code.toString(16).padStart(4, '0').toUpperCase()}${code === 0x200b || code === 0xfeff ? ', an invisible zero-width character often pasted from web pages' : ''})`
          : undefined;
    if (what) {
      throw new InvalidOptionError(
        'apiKey',
        `The API key from ${source} contains ${what} at position ${i} of ${key.length}; copy the key again from the dashboard and set only the key itself.`,
      );
    }
  }
  return key;
}
