/**
 * The layer check: every runtime import between top-level areas must point down the stack, and the
 * areas must form no cycle. `npm test` runs it; `npm run check:layers` runs it alone.
 *
 *   core ← base ← market/store/config ← services ← presentation ← scheduler/delivery ← main
 *
 * Type-only imports (`import type`, or `import { type A, type B }`) are erased at compile time and
 * do not count. Core may import nothing outside core (no node:, no packages: pure maths only).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lower index = lower layer. An area not listed here fails the check: give it a layer. */
export const LAYERS: readonly (readonly string[])[] = [
  ['src/core'],
  ['src/clock.ts', 'src/logger.ts', 'src/errors.ts', 'src/pace.ts'],
  ['src/market', 'src/store', 'src/config'],
  ['src/options', 'src/portfolio', 'src/scanner', 'src/alerts', 'src/track', 'src/schedule'],
  ['commands', 'src/chat'],
  ['src/scheduler', 'src/delivery', 'src/ops'],
  ['src/services.ts', 'src/app.ts', 'src/main.ts'],
];
const LAYER_NAMES = ['core', 'base', 'market/store/config', 'services', 'presentation', 'scheduler/delivery', 'main'];

export interface Violation {
  from: string;
  to: string;
  why: string;
}

const IMPORT =
  /(?:^|[;\n])\s*(import|export)\s+(type\s+)?([\s\S]*?)\s*from\s*['"]([^'"]+)['"]|(?:^|[;\n])\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Runtime import specifiers of one file (type-only imports left out). */
export function runtimeImports(source: string): string[] {
  const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    if (m[4] !== undefined) {
      if (m[2]) continue; // import type / export type
      const clause = (m[3] ?? '').trim();
      const braces = /^\{([\s\S]*)\}$/.exec(clause);
      if (braces) {
        const names = braces[1]!
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        if (names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
      }
      out.push(m[4]);
    } else out.push((m[5] ?? m[6])!);
  }
  return out;
}

/** The area a repo-relative path belongs to: `commands`, `src/<dir>` or a top-level `src/<file>.ts`. */
export function areaOf(rel: string): string | undefined {
  const parts = rel.split('/');
  if (parts[0] === 'commands') return 'commands';
  if (parts[0] !== 'src') return undefined;
  return parts.length === 2 ? `src/${parts[1]}` : `src/${parts[1]}`;
}

const layerOf = (area: string): number => LAYERS.findIndex((names) => names.includes(area));

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export function checkLayers(root: string): Violation[] {
  const files = ['src', 'commands'].flatMap((d) => {
    try {
      return tsFiles(join(root, d));
    } catch {
      return []; // a tree without commands/ (the checker's own tests) has nothing there to check
    }
  });
  const violations: Violation[] = [];
  const edges = new Map<string, Map<string, string>>();
  for (const file of files) {
    const rel = relative(root, file).split(sep).join('/');
    const from = areaOf(rel)!;
    if (layerOf(from) < 0) violations.push({ from: rel, to: '', why: `area ${from} has no layer: add it to LAYERS in scripts/check-layers.ts` });
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        if (from === 'src/core') violations.push({ from: rel, to: spec, why: 'core imports nothing outside core (no node:, no packages)' });
        continue;
      }
      const target = relative(root, resolve(dirname(file), spec))
        .split(sep)
        .join('/')
        .replace(/\.js$/, '.ts');
      const to = areaOf(target);
      if (!to) {
        violations.push({ from: rel, to: target, why: 'imports from outside src/ and commands/' });
        continue;
      }
      if (to === from) continue;
      const lf = layerOf(from);
      const lt = layerOf(to);
      if (lt > lf && lf >= 0) violations.push({ from: rel, to: target, why: `${from} (${LAYER_NAMES[lf]}) imports upward into ${to} (${LAYER_NAMES[lt]})` });
      const row = edges.get(from) ?? new Map<string, string>();
      if (!row.has(to)) row.set(to, `${rel} → ${target}`);
      edges.set(from, row);
    }
  }
  violations.push(...cycles(edges));
  return violations;
}

/** Cycles between areas (each reported once, with one import that closes it). */
function cycles(edges: Map<string, Map<string, string>>): Violation[] {
  const out: Violation[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (a: string): void => {
    state.set(a, 'open');
    stack.push(a);
    for (const [b, example] of edges.get(a) ?? []) {
      if (state.get(b) === 'open') {
        const loop = [...stack.slice(stack.indexOf(b)), b];
        out.push({ from: example.split(' → ')[0]!, to: example.split(' → ')[1]!, why: `cycle between areas: ${loop.join(' → ')}` });
      } else if (!state.has(b)) visit(b);
    }
    stack.pop();
    state.set(a, 'done');
  };
  for (const a of [...edges.keys()].sort()) if (!state.has(a)) visit(a);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const found = checkLayers(root);
  if (found.length === 0) {
    console.log('check:layers: every import points down the layers, no cycle between areas');
  } else {
    for (const v of found) console.error(`check:layers: ${v.from}${v.to ? ` → ${v.to}` : ''}: ${v.why}`);
    console.error(`check:layers: ${found.length} violation(s)`);
    process.exit(1);
  }
}
