function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const normalise = (name: string): string => name.replace(/[-_\s]/g, '').toLowerCase();

/**
 * The known name a mistyped one was probably meant to be: same letters ignoring case, `_` and `-` (`imageStart` →
 * `image_start`, `apikey` → `apiKey`), else the closest within two edits.
 */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  const wanted = normalise(name);
  const exact = known.find((candidate) => normalise(candidate) === wanted);
  if (exact !== undefined) return exact;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(wanted, normalise(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
