/**
 * Compiles src/main.ts and everything it imports into dist/ (ES modules, one chunk per lazily
 * imported area, npm packages left external but zod and quickchart-js) so `npm start` runs plain JavaScript instead of
 * transpiling TypeScript on every start. `import.meta.url` keeps pointing at each source file, so
 * files found relative to the source (config/default.json, data/real-tickers.txt) are found the same.
 * Writes dist/build.json: every input file with its size and mtime, for the staleness check in
 * scripts/start.mjs. Run: `npm run build` (npm start also runs it when a source changed).
 */
import { readFile, rename, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = join(ROOT, 'dist');
export const STAMP = join(OUT, 'build.json');
export const ENTRY = 'src/main.ts';

const sourceUrl = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      return { contents: text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader: 'ts' };
    });
  },
};

/**
 * npm packages stay external (loaded from node_modules at run time), except a few every start
 * loads: zod ships 106 small ES modules whose resolving and compiling took ~50 ms of CPU and ~5 MB
 * more than the same code bundled into one chunk; quickchart-js is bundled so that its import of
 * cross-fetch can wait for a first network call (below).
 */
const BUNDLED = /^(zod|quickchart-js|javascript-stringify)(\/|$)/;
const QUICKCHART_DIR = join(ROOT, 'node_modules', 'quickchart-js');

/**
 * The bot builds chart URLs offline (`getUrl`); quickchart-js imports cross-fetch only for the calls
 * that reach quickchart.io. cross-fetch brings node-fetch, whatwg-url and tr46 (~25 ms of CPU and
 * ~2.5 MB at start-up), so inside the bundled quickchart-js it is required on its first call instead.
 */
const lazyCrossFetch = `import { createRequire } from 'node:module';
const load = createRequire(${JSON.stringify(pathToFileURL(join(QUICKCHART_DIR, 'package.json')).href)});
let real;
export default function fetch(...args) {
  real ??= load('cross-fetch');
  return real(...args);
}
`;

const npmExternal = {
  name: 'npm-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.kind === 'entry-point' || BUNDLED.test(args.path)) return undefined;
      if (args.path === 'cross-fetch' && args.importer.startsWith(QUICKCHART_DIR)) return { path: 'cross-fetch', namespace: 'lazy-cross-fetch' };
      return { path: args.path, external: true };
    });
    build.onLoad({ filter: /.*/, namespace: 'lazy-cross-fetch' }, () => ({ contents: lazyCrossFetch, loader: 'js' }));
  },
};

export async function build() {
  const { build: esbuild } = await import('esbuild');
  // No clean first: chunk names carry a content hash, and a bot still running from an older build
  // imports its lazy chunks (Discord, Slack, Yahoo…) later, so they must stay where they are.
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    sourcesContent: false, // stack traces need only the mappings; the sources are beside them
    metafile: true,
    logLevel: 'warning',
    logLimit: 3,
    plugins: [npmExternal, sourceUrl],
  });
  // A bundled package is stamped by its package.json (npm rewrites it on every install or upgrade),
  // not by each of its files: npm start checks one file instead of zod's 95.
  // (Virtual modules, `namespace:path`, have no file: their text is in this script.)
  const sources = Object.keys(result.metafile.inputs).filter((f) => !f.startsWith('lazy-cross-fetch:'));
  const files = new Set(sources.map((f) => /^node_modules\/(@[^/]+\/)?[^/]+\//.exec(f)?.[0].concat('package.json') ?? f));
  const inputs = {};
  for (const file of files) {
    const s = await stat(join(ROOT, file));
    inputs[file] = [s.size, s.mtimeMs];
  }
  const tmp = `${STAMP}.${process.pid}`;
  await writeFile(tmp, JSON.stringify({ root: ROOT, node: process.version, inputs }));
  await rename(tmp, STAMP);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
