// Tests that run the built package (the bin, README blocks, the quickstart) rebuild dist/ when it is stale. Several
// vitest workers may find it stale at once: a lock file lets one of them build while the others wait for it, instead
// of each running `rm -rf dist && tsup` under the others' feet.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const LOCK = join(ROOT, '.tmp', 'build.lock');
/** A lock older than this was left by a build that died: taken over. */
const STALE_LOCK_MS = 5 * 60_000;
/** Every entry point the tests run: each is written at its own moment of a build. */
const OUTPUTS = ['index.js', 'index.cjs', 'testing.js', 'ai-sdk.js', 'queue.js', 'queue.cjs', 'cli.js', 'edge/index.js'].map((file) =>
  join(ROOT, 'dist', file),
);

function mtime(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
}

/** Whether dist/ is missing an entry point or older than a file in src/. */
function stale(): boolean {
  const built = Math.min(...OUTPUTS.map(mtime));
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return sources.some((e) => mtime(join(e.parentPath, e.name)) > built);
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock; false when another process holds it (live). */
function tryLock(): boolean {
  try {
    closeSync(openSync(LOCK, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (Date.now() - mtime(LOCK) > STALE_LOCK_MS) rmSync(LOCK, { force: true });
    return false;
  }
}

/** Rebuilds dist/ (`npm run build`) when it is missing or older than a file in src/; one build across workers. */
export function ensureBuilt(): void {
  if (!stale()) return;
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  while (!tryLock()) sleep(200);
  try {
    // Another worker may have built while this one waited for the lock.
    if (stale()) execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  } finally {
    rmSync(LOCK, { force: true });
  }
}
