/**
 * Stack traces of the compiled bot name the TypeScript sources (`at now (/…/src/market/sim/index.ts:97:39)`),
 * as Node prints them with source maps on, but each map is read only when a stack through its
 * file is first formatted. `process.setSourceMapsEnabled(true)` parses every map of every loaded
 * chunk at import: ~7 MB and 30–70 ms of a start that prints no stack at all.
 */
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Maps frames in files under `prefix` (a file: URL ending in `/`, e.g. the dist folder). */
export function mapStackTraces(prefix) {
  const maps = new Map();
  const mapOf = (url) => {
    if (!maps.has(url)) {
      let map = null;
      try {
        map = new SourceMap(JSON.parse(readFileSync(`${fileURLToPath(url)}.map`, 'utf8')));
      } catch {
        // no map (or an unreadable one): the frame keeps its dist/ position
      }
      maps.set(url, map);
    }
    return maps.get(url);
  };
  const where = (url, line, column) => {
    const entry = mapOf(url)?.findEntry(line - 1, column - 1);
    if (!entry?.originalSource) return undefined;
    return `${fileURLToPath(new URL(entry.originalSource, url))}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  };
  const frame = (site) => {
    const text = String(site);
    const url = site.getFileName();
    const line = site.getLineNumber();
    const column = site.getColumnNumber();
    if (!url?.startsWith(prefix) || !line || !column) return text;
    const at = `${url}:${line}:${column}`;
    const mapped = text.includes(at) ? where(url, line, column) : undefined;
    return mapped ? text.replace(at, mapped) : text;
  };
  Error.prepareStackTrace = (error, sites) => {
    let head;
    try {
      head = Error.prototype.toString.call(error);
    } catch {
      head = '<error>';
    }
    return head + sites.map((s) => `\n    at ${frame(s)}`).join('');
  };
}
