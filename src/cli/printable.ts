import { OWN_STYLES } from './format.js';

/**
 * Characters a terminal acts on instead of showing: C0 controls (ESC starts CSI/OSC sequences that move the cursor,
 * erase lines or retitle the window; CR and LF let a text forge a line of its own), DEL, C1 controls (U+009B is a
 * one-character CSI on some terminals), the Unicode line and paragraph separators, and the bidirectional overrides
 * and isolates that make a line read in another order than it is stored.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** What of {@link UNSAFE} `JSON.stringify` leaves unescaped (it escapes U+0000–U+001F in strings itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

function escaped(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Text that came from a server or a file (an error message, a task id, a file name, a URL, a path), made safe to print
 * on a terminal: every control character is shown escaped (`\e`, `\n`, `\x07`, `\u202e`), so the text stays on its
 * line and cannot restyle, move, erase or retitle anything. Printable text, including non-ASCII, is kept as it is.
 */
export function printable(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/**
 * A line the CLI composed (its own words, foreign values inside, maybe its own colours) made safe to print: like
 * {@link printable}, but with `styled` the CLI's own colour codes ({@link OWN_STYLES}) are kept. At worst a foreign
 * text can then switch on one of those colours; it can never move, erase or retitle anything.
 */
export function printableLine(line: string, styled: boolean): string {
  if (!styled) return printable(line);
  let out = '';
  let last = 0;
  for (const match of line.matchAll(OWN_STYLES)) {
    out += printable(line.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + printable(line.slice(last));
}

/**
 * A JSON text with the characters that `JSON.stringify` leaves as they are but a terminal may act on (C1 controls,
 * line separators, bidirectional controls) written as `\u` escapes: the same JSON value, safe to print.
 */
export function printableJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
