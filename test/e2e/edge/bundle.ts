// Bundles code that imports `evolink-wan` the way a Worker's or Vercel's bundler does: esbuild on a neutral platform
// (no Node.js built-ins resolve there), with the fetch-only runtimes' `exports` conditions, from this repository
// (the package resolves itself by name, through package.json `exports`, to the built dist/).
import { build, type Metafile } from 'esbuild';
import { ROOT } from '../../cli/run-cli.js';

/** The conditions Cloudflare's and Vercel's bundlers resolve packages with. */
export const EDGE_CONDITIONS = ['workerd', 'worker', 'edge-light', 'browser'];

/** A bundle: its code, and esbuild's record of every input file and import. */
export interface Bundle {
  code: string;
  metafile: Metafile;
}

/** One file bundling `entry` (a path) or `contents` (code), minified when asked, with the edge conditions. */
export async function bundleForEdge(
  input: { entry: string } | { contents: string },
  options: { format?: 'iife' | 'esm'; minify?: boolean } = {},
): Promise<Bundle> {
  const result = await build({
    ...('entry' in input ? { entryPoints: [input.entry] } : { stdin: { contents: input.contents, resolveDir: ROOT, loader: 'ts' } }),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    conditions: EDGE_CONDITIONS,
    mainFields: ['module', 'main'],
    format: options.format ?? 'esm',
    minify: options.minify ?? false,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

/** The package folders (under node_modules) whose files went into a bundle, e.g. `zod`. */
export function bundledPackages(metafile: Metafile): string[] {
  const names = Object.keys(metafile.inputs).flatMap((path) => {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    return match ? [match[1]!] : [];
  });
  return [...new Set(names)].sort();
}
