import { lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidOptionError } from '../errors/index.js';

/** `true` when `path` is `root` or inside it. */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** `true` when something is at `path`: a file, a folder, or a symbolic link (a dangling one included). */
const present = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false }) !== undefined;

/**
 * The real path of `path`'s deepest present ancestor (itself when present), with the rest appended; `undefined`
 * when that ancestor is a dangling symbolic link, which a write would follow to wherever it points.
 */
function realOfDeepest(path: string): string | undefined {
  let existing = path;
  const rest: string[] = [];
  while (!present(existing) && dirname(existing) !== existing) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  try {
    return join(realpathSync(existing), ...rest);
  } catch {
    return undefined;
  }
}

/**
 * Where the server may read and write files: paths given by a tool call are relative to it, never with `..`, and
 * never through a symbolic link that leads out of it.
 */
export class Root {
  readonly path: string;

  /** @throws {InvalidOptionError} when `path` is not an existing folder. */
  constructor(path: string) {
    const real = realOfDeepest(resolve(path));
    if (real === undefined || !lstatSync(real, { throwIfNoEntry: false })?.isDirectory()) {
      throw new InvalidOptionError('root', `The root ${path} is not a folder; create it or pass an existing one.`);
    }
    this.path = real;
  }

  /**
   * The absolute path of `given` inside the root.
   * @throws {InvalidOptionError} naming `option` for an absolute path, a `..` segment, or a symbolic link out.
   */
  resolve(given: unknown, option: string): string {
    if (typeof given !== 'string' || given === '' || given.includes('\0')) {
      throw new InvalidOptionError(option, `${option} must be a file path relative to ${this.path}.`);
    }
    if (isAbsolute(given) || given.split(/[\\/]/).includes('..')) {
      throw new InvalidOptionError(option, `${option} must be a path inside ${this.path}, relative to it and without "..": got ${given}.`);
    }
    const path = join(this.path, given);
    // Resolving the deepest present part follows every link on the way, the file itself included.
    const real = realOfDeepest(path);
    if (real === undefined || !inside(this.path, real)) {
      throw new InvalidOptionError(option, `${option} ${given} leads out of ${this.path} through a symbolic link; use a path inside it.`);
    }
    return path;
  }
}
