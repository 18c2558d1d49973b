// Extracts every ```ts block of README.md and of docs/*.md into .tmp/readme/NN.ts, so that test/e2e/readme.test.ts can
// typecheck them and run each against a fresh fake EvoLink server: the docs cannot drift from the SDK.
//
// A block is a whole program unless an HTML comment on the line before it says otherwise:
//   <!-- readme-test: OPTION … -->
//   prelude=imports   prepend `import { APIConnectionError, WanClient } from 'evolink-wan'`
//   prelude=client    …and `client` (from the environment) plus the placeholders `url`, `clip`, `clip1`, `clip2`,
//                     `params` and `job` (test/e2e/readme/client.ts)
//   prelude=handle    …and `handle` (a submitted task) and `controller` (test/e2e/readme/handle.ts)
//   extra-fields=a,b  start the fake server with { extraFields: ['a', 'b'] } (fields it accepts beyond the schemas)
//   output            the block's trailing `// ` comment lines are exactly what it must print
//   norun (reason)    typecheck only (use sparingly)
//   skip (reason)     neither typecheck nor run, for blocks that cannot be (e.g. Deno-only)
// Imports of 'evolink-wan' resolve to the built package (dist/) through the package's self-reference.
// Writes .tmp/readme/blocks.json (what to run) and .tmp/readme/tsconfig.json (what to typecheck).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, '.tmp', 'readme');

const SDK_IMPORTS = "import { APIConnectionError, WanClient } from 'evolink-wan';";
const CLIENT_IMPORTS = "import { client, clip, clip1, clip2, job, params, url } from '../../test/e2e/readme/client.js';";
const HANDLE_IMPORTS = "import { controller, handle } from '../../test/e2e/readme/handle.js';";
const PRELUDES = {
  imports: SDK_IMPORTS,
  client: `${SDK_IMPORTS} ${CLIENT_IMPORTS}`,
  handle: `${SDK_IMPORTS} ${CLIENT_IMPORTS} ${HANDLE_IMPORTS}`,
};
const MARKER = /^<!--\s*readme-test:(.*)-->\s*$/;
const MISPLACED = 'a readme-test comment must be the line right before a ```ts block';

/** `prelude=client output norun (why)` → { prelude: 'client', output: true, norun: 'why' }. */
function parseOptions(text, where) {
  const options = {};
  for (const [, key, value, reason] of text.matchAll(/([a-z-]+)(?:=(\S+))?(?:\s*\(([^)]*)\))?/g)) {
    if (key === 'prelude' && value in PRELUDES) options.prelude = value;
    else if (key === 'extra-fields' && value) options.extraFields = value.split(',');
    else if (key === 'output' && !value) options.output = true;
    else if ((key === 'skip' || key === 'norun') && reason?.trim()) options[key] = reason.trim();
    else throw new Error(`${where}: unknown readme-test option "${key}${value ? `=${value}` : ''}" (see scripts/readme-blocks.mjs)`);
  }
  return options;
}

/** The block's trailing `//` comment lines, without the `// ` prefix: the output the README promises. */
function expectedOutput(code, where) {
  const lines = code.trimEnd().split('\n');
  let start = lines.length;
  while (start > 0 && lines[start - 1].startsWith('//')) start--;
  if (start === lines.length) throw new Error(`${where}: "output" needs trailing // comment lines showing the output`);
  return lines.slice(start).map((line) => line.replace(/^\/\/ ?/, ''));
}

/** Every ```ts block of the markdown file `source` with its first code line (1-based) and options. */
function extractBlocks(markdown, source) {
  const lines = markdown.split('\n');
  const blocks = [];
  let pending;
  for (let i = 0; i < lines.length; i++) {
    const marker = MARKER.exec(lines[i]);
    if (marker) {
      pending = { line: i + 1, options: parseOptions(marker[1], `${source}:${i + 1}`) };
      continue;
    }
    const fence = /^```(\w*)/.exec(lines[i]);
    if (!fence) {
      if (lines[i].trim() !== '' && pending) throw new Error(`${source}:${pending.line}: ${MISPLACED}`);
      continue;
    }
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${source}:${i + 1}: unterminated code block`);
    const isTs = fence[1] === 'ts' || fence[1] === 'typescript';
    if (pending && !isTs) throw new Error(`${source}:${pending.line}: ${MISPLACED}`);
    if (isTs) blocks.push({ source, line: i + 2, code: lines.slice(i + 1, end).join('\n'), options: pending?.options ?? {} });
    pending = undefined;
    i = end;
  }
  return blocks;
}

/** The documents whose blocks run: the README, then every page of docs/. */
function documents() {
  const pages = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...pages];
}

function main() {
  const blocks = documents().flatMap((source) => extractBlocks(readFileSync(join(root, source), 'utf8'), source));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const manifest = blocks.map(({ source, line, code, options }, index) => {
    const file = `${String(index + 1).padStart(2, '0')}.ts`;
    const where = `${source}:${line}`;
    // Two lines precede the block (header, prelude): line n of the file is the document's line `line + n - 3`.
    const text = `// ${where}: edit ${source}, not this file.\n${PRELUDES[options.prelude] ?? ''}\n${code}\nexport {};\n`;
    if (!options.skip) writeFileSync(join(outDir, file), text);
    return {
      file,
      source,
      line,
      typecheck: !options.skip,
      run: !options.skip && !options.norun,
      reason: options.skip ?? options.norun,
      extraFields: options.extraFields,
      output: options.output ? expectedOutput(code, where) : undefined,
    };
  });
  const include = manifest.filter((b) => b.typecheck).map((b) => b.file);
  writeFileSync(join(outDir, 'tsconfig.json'), `${JSON.stringify({ extends: '../../tsconfig.json', include }, null, 2)}\n`);
  writeFileSync(join(outDir, 'blocks.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const runs = manifest.filter((b) => b.run).length;
  console.log(`readme-blocks: ${blocks.length} blocks → .tmp/readme (${include.length} typechecked, ${runs} run)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
