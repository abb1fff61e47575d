/**
 * scripts/stack.mjs: `npm start` maps stack traces of the compiled bot back to the TypeScript
 * sources lazily. Reference: Node's own source-map support (`process.setSourceMapsEnabled(true)`)
 * formatting the same error from the same esbuild output must give the same text.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const STACK = pathToFileURL(fileURLToPath(new URL('../../scripts/stack.mjs', import.meta.url))).href;
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'stack-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(
    join(dir, 'src', 'deep.ts'),
    [
      'export interface Clock { now(): number }',
      '',
      'export function tick(clock: Clock): number {',
      '  const t: number = clock.now();',
      '  return t + 1;',
      '}',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'src', 'main.ts'),
    [
      "import { tick } from './deep.js';",
      '',
      'export async function run(): Promise<number> {',
      '  await null;',
      "  return tick({ now: () => { throw new RangeError('clock broke'); } });",
      '}',
      '',
    ].join('\n'),
  );
  await build({
    absWorkingDir: dir,
    entryPoints: ['src/main.ts'],
    outdir: join(dir, 'dist'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'silent',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The stack of the error `run()` throws, printed by a fresh Node with the given set-up line. */
function stackWith(setup: string): string {
  const main = pathToFileURL(join(dir, 'dist', 'main.js')).href;
  const script = `${setup}\nconst { run } = await import(${JSON.stringify(main)});\ntry { await run(); } catch (e) { process.stdout.write(e.stack); }`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('lazy source-mapped stack traces', () => {
  it('names the .ts file, line and column of each compiled frame, as Node does with source maps on', () => {
    const prefix = pathToFileURL(join(dir, 'dist', '/')).href;
    const lazy = stackWith(`(await import(${JSON.stringify(STACK)})).mapStackTraces(${JSON.stringify(prefix)});`);
    const node = stackWith('process.setSourceMapsEnabled(true);');
    expect(lazy).toContain('RangeError: clock broke');
    expect(lazy).toContain(`${join(dir, 'src', 'deep.ts')}:4:`);
    expect(lazy).toContain(`${join(dir, 'src', 'main.ts')}:5:`);
    expect(lazy).not.toContain('dist/main.js:');
    expect(lazy).toBe(node);
  });

  it('leaves frames outside the prefix as they are', () => {
    const lazy = stackWith(`(await import(${JSON.stringify(STACK)})).mapStackTraces('file:///nowhere/');`);
    expect(lazy).toBe(stackWith(''));
    expect(lazy).toContain('dist/main.js:');
  });
});
