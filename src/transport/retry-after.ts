/**
 * How long the server asked us to wait, in milliseconds: `retry-after-ms`, else `Retry-After` as delta-seconds or
 * an HTTP date. `undefined` when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const raw = headers['retry-after']?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  if (!/^[A-Za-z]{3},? /.test(raw)) return undefined; // HTTP dates start with a day name ("Fri, 20 Nov 2026 …")
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
