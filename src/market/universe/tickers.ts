/** The user's own ticker list: one symbol a line or comma/space separated, `#` starts a comment. */
import { readFile } from 'node:fs/promises';
import { normaliseSymbol } from './nasdaq.js';

export function parseTickers(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    for (const token of (line.split('#')[0] ?? '').split(/[\s,;]+/)) {
      const s = token ? normaliseSymbol(token) : undefined;
      if (s) out.add(s);
    }
  }
  return [...out];
}

/** Missing file = no extra symbols (the default path is optional). */
export async function readTickerFile(path: string): Promise<string[]> {
  try {
    return parseTickers(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}
