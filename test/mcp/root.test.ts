// The root folder of `evolink-wan mcp`: every path a tool is given stays inside it, links included.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../../src/index.js';
import { Root } from '../../src/mcp/root.js';

const dir = mkdtempSync(join(tmpdir(), 'evolink-wan-root-'));
const inside = join(dir, 'root');
mkdirSync(join(inside, 'videos'), { recursive: true });
mkdirSync(join(dir, 'outside'));
writeFileSync(join(dir, 'outside', 'secret.txt'), 'not for agents');
writeFileSync(join(inside, 'cat.jpg'), 'jpeg');
symlinkSync(join(dir, 'outside'), join(inside, 'out-dir'));
symlinkSync(join(dir, 'outside', 'secret.txt'), join(inside, 'secret-link.txt'));
symlinkSync(join(dir, 'outside', 'new.mp4'), join(inside, 'dangling.mp4'));
symlinkSync(join(inside, 'videos'), join(inside, 'in-dir'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = new Root(inside);

describe('Root', () => {
  it.each([
    ['cat.jpg', join(root.path, 'cat.jpg')],
    ['videos/new.mp4', join(root.path, 'videos', 'new.mp4')],
    ['not/yet/made/a.mp4', join(root.path, 'not', 'yet', 'made', 'a.mp4')],
    ['in-dir/a.mp4', join(root.path, 'in-dir', 'a.mp4')],
  ])('%s resolves inside the root', (given, path) => {
    expect(root.resolve(given, 'save_to')).toBe(path);
  });

  it.each([
    ['../outside/secret.txt', /without ".."/],
    ['videos/../../outside/new.mp4', /without ".."/],
    [join(dir, 'outside', 'new.mp4'), /relative to it/],
    ['out-dir/new.mp4', /symbolic link/],
    ['secret-link.txt', /symbolic link/],
    // A write through a dangling link would create the file wherever it points.
    ['dangling.mp4', /symbolic link/],
    ['', /relative to/],
    [42, /relative to/],
  ])('%s is refused with an InvalidOptionError naming the option', (given, message) => {
    const attempt = () => root.resolve(given, 'save_to');
    expect(attempt).toThrow(InvalidOptionError);
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/^save_to/);
  });

  it('a root that is not a folder is an InvalidOptionError saying what to do', () => {
    expect(() => new Root(join(dir, 'missing'))).toThrow(/not a folder; create it/);
    expect(() => new Root(join(inside, 'cat.jpg'))).toThrow(InvalidOptionError);
  });

  it('a root given through a link is its real path, so links inside it compare right', () => {
    symlinkSync(inside, join(dir, 'root-link'));
    expect(new Root(join(dir, 'root-link')).path).toBe(root.path);
    expect(() => new Root(join(dir, 'root-link')).resolve('out-dir/x', 'path')).toThrow(/symbolic link/);
  });
});
