import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { InvalidOptionError } from '../errors/index.js';

/** `true` when `path` is `root` or inside it. */
function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of `path`'s deepest existing ancestor (itself when it exists), with the rest appended. */
function realOfDeepest(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(existing.slice(dirname(existing).length + 1));
    existing = dirname(existing);
  }
  return join(realpathSync(existing), ...rest);
}

/**
 * Where the server may read and write files: paths given by a tool call are relative to it, never with `..`, and
 * never through a symbolic link that leads out of it.
 */
export class Root {
  readonly path: string;

  constructor(path: string) {
    this.path = realpathSync(resolve(path));
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
    // Resolving the deepest existing part follows every link on the way, the file itself included.
    if (!inside(this.path, realOfDeepest(path))) {
      throw new InvalidOptionError(option, `${option} ${given} leads out of ${this.path} through a symbolic link; use a path inside it.`);
    }
    return path;
  }
}
