/** The layer checker itself: it must catch what it is there to catch, on small trees made here. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers, runtimeImports } from '../../scripts/check-layers.js';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

function tree(files: Record<string, string>): string {
  root = mkdtempSync(join(tmpdir(), 'layers-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('runtimeImports', () => {
  it('keeps value imports, re-exports and dynamic imports; drops type-only ones', () => {
    const src = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "import { type C, type D } from './c.js';",
      "import { type E, f } from './e.js';",
      "export { g } from './g.js';",
      "export type { H } from './h.js';",
      "import './side.js';",
      "const m = await import('./lazy.js');",
      "// import { x } from './commented.js';",
    ].join('\n');
    expect(runtimeImports(src)).toEqual(['./a.js', './e.js', './g.js', './side.js', './lazy.js']);
  });
});

describe('checkLayers', () => {
  it('passes a tree whose imports all point down', () => {
    const r = tree({
      'src/core/math.ts': 'export const one = 1;',
      'src/market/feed.ts': "import { one } from '../core/math.js';\nexport const feed = one;",
      'src/scanner/scan.ts': "import { feed } from '../market/feed.js';\nexport const scan = feed;",
      'commands/scan.ts': "import { scan } from '../src/scanner/scan.js';\nexport default scan;",
    });
    expect(checkLayers(r)).toEqual([]);
  });

  it('reports a service importing the chat layer', () => {
    const r = tree({
      'src/chat/format.ts': 'export const money = 1;',
      'src/portfolio/present.ts': "import { money } from '../chat/format.js';\nexport const p = money;",
    });
    const v = checkLayers(r);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ from: 'src/portfolio/present.ts', to: 'src/chat/format.ts' });
    expect(v[0]!.why).toMatch(/imports upward/);
  });

  it('ignores a type-only upward import', () => {
    const r = tree({
      'src/chat/reply.ts': 'export interface Reply { ok: boolean }',
      'src/options/view.ts': "import type { Reply } from '../chat/reply.js';\nexport type V = Reply;",
    });
    expect(checkLayers(r)).toEqual([]);
  });

  it('reports a cycle between two areas of the same layer', () => {
    const r = tree({
      'src/options/a.ts': "import { b } from '../portfolio/b.js';\nexport const a = b;",
      'src/portfolio/b.ts': "import { a } from '../options/a.js';\nexport const b = a;",
    });
    expect(checkLayers(r).map((v) => v.why)).toEqual([expect.stringMatching(/cycle between areas: src\/options → src\/portfolio → src\/options/)]);
  });

  it('keeps core pure: no node: modules or packages', () => {
    const r = tree({ 'src/core/clock.ts': "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;" });
    expect(checkLayers(r)[0]!.why).toMatch(/core imports nothing outside core/);
  });

  it('asks for a layer for an area it does not know', () => {
    const r = tree({ 'src/mystery/x.ts': 'export const x = 1;' });
    expect(checkLayers(r)[0]!.why).toMatch(/has no layer/);
  });
});
