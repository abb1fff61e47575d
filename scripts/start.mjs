/**
 * `npm start`: runs the compiled bot from dist/, rebuilding it first when it is missing or any
 * source file it was built from changed (size or mtime), so a checkout, a `git pull` or an edit
 * never runs stale code (the first start after `npm install` builds it). The check stats the ~280
 * inputs (~15 ms of CPU); a rebuild takes about a second.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mapStackTraces } from './stack.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist', 'build.json');

function fresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  if (stamp.root !== ROOT) return false;
  for (const [file, [size, mtime]] of Object.entries(stamp.inputs)) {
    try {
      const s = statSync(join(ROOT, file));
      if (s.size !== size || s.mtimeMs !== mtime) return false;
    } catch {
      return false;
    }
  }
  return true;
}

let entry = join(ROOT, 'dist', 'main.js');
// Stack traces name the .ts sources; each source map is read when a stack first needs it.
mapStackTraces(pathToFileURL(join(ROOT, 'dist', '/')).href);
if (!fresh()) {
  try {
    await (await import('./build.mjs')).build();
  } catch (err) {
    // A read-only checkout or a broken esbuild install must not stop the bot: run the sources through tsx.
    process.stderr.write(`Could not compile the bot into dist/ (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); running the TypeScript sources directly (slower start).\n`);
    process.setSourceMapsEnabled(true);
    (await import('tsx/esm/api')).register();
    entry = join(ROOT, 'src', 'main.ts');
  }
}
await import(pathToFileURL(entry).href);
