/**
 * Writes slack-manifest.json from the command definitions (`npm run slack-manifest`).
 * `--check` exits 1 when the committed file differs; `--url=https://host/slack/events` prints an
 * HTTP-mode manifest to stdout instead of writing the Socket Mode one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { commands } from '../commands/index.js';
import { buildManifest } from '../src/chat/slack/manifest.js';

export const MANIFEST_FILE = fileURLToPath(new URL('../slack-manifest.json', import.meta.url));

export function manifestText(requestUrl?: string): string {
  return `${JSON.stringify(buildManifest(commands, requestUrl ? { requestUrl } : {}), null, 2)}\n`;
}

function main(argv: string[]): number {
  const url = argv.find((a) => a.startsWith('--url='))?.slice('--url='.length);
  if (url) {
    process.stdout.write(manifestText(url));
    return 0;
  }
  const text = manifestText();
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(MANIFEST_FILE, 'utf8');
    } catch {
      // missing counts as different
    }
    if (current === text) return 0;
    process.stderr.write('slack-manifest.json is out of date: run npm run slack-manifest and commit it.\n');
    return 1;
  }
  writeFileSync(MANIFEST_FILE, text);
  process.stdout.write(`Wrote ${MANIFEST_FILE} (${commands.length + 1} slash commands).\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
