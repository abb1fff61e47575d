/**
 * `record:DIR`: live Yahoo, with every response also written to DIR in the fixture layout
 * (v3 wrapper + index.json) so `replay:DIR` can serve it later. Request cookies are not kept;
 * response set-cookie headers are, because replaying the crumb step needs them.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FetchFn } from '../http/request.js';
import { requestUrl } from '../yahoo/transport.js';
import type { Recording } from './files.js';
import { wantedFrom, type IndexEntry } from './match.js';

function moduleOf(host: string, path: string): { module: string; symbol: string | null } {
  const m = /^\/v\d+\/finance\/(quote|options|chart|quoteSummary|screener|trending|search)(?:\/([^/]+))?/.exec(path);
  if (m?.[1]) return { module: m[1] === 'trending' ? 'trendingSymbols' : m[1], symbol: m[1] === 'trending' || m[1] === 'screener' ? null : (m[2] ?? null) };
  if (path === '/v1/test/getcrumb') return { module: 'getCrumb', symbol: null };
  if (/finance\.yahoo\.com|guce|consent/.test(host)) return { module: 'cookieConsent', symbol: null };
  return { module: 'other', symbol: null };
}

export function createRecordFetch(dir: string, inner: FetchFn): FetchFn {
  let chain: Promise<unknown> = mkdir(dir, { recursive: true });
  const indexPath = join(dir, 'index.json');

  const append = (entry: IndexEntry & Record<string, unknown>): Promise<unknown> => {
    // Serialised: index.json is read, extended and replaced atomically, one writer at a time.
    chain = chain
      .then(async () => {
        // No index yet (first recording): start a new one.
        const current = await readFile(indexPath, 'utf8')
          .then((t) => JSON.parse(t) as { meta?: unknown; files: IndexEntry[] })
          .catch(() => ({
            meta: { purpose: 'Recorded by the Small-Cap Market Tracker (MARKET_DATA=record:DIR).', matching: 'path + query without crumb; host ignored.' },
            files: [] as IndexEntry[],
          }));
        current.files.push(entry);
        const tmp = `${indexPath}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(current, null, 1));
        await rename(tmp, indexPath);
      })
      .catch(() => undefined); // keeps the chain usable for the next entry; record mode never fails the live request it copies
    return chain;
  };

  return async (input, init) => {
    const url = requestUrl(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const res = await inner(input, init);
    const text = await res.text();
    const headers: Record<string, string | string[]> = {};
    res.headers.forEach((v, k) => {
      if (k !== 'set-cookie') headers[k] = v;
    });
    const cookies = res.headers.getSetCookie();
    if (cookies.length > 0) headers['set-cookie'] = cookies;
    let bodyJson: unknown;
    try {
      bodyJson = /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
    } catch {
      bodyJson = undefined;
    }
    const rec: Recording = {
      request: { url, method },
      response: { ok: res.ok, status: res.status, statusText: res.statusText, headers, ...(bodyJson !== undefined ? { bodyJson } : { bodyText: text }) },
    };
    const u = new URL(url);
    const w = wantedFrom(url, method);
    const { module, symbol } = moduleOf(u.hostname, u.pathname);
    const hash = createHash('sha256')
      .update(`${method} ${w.path} ${JSON.stringify(w.query)} ${Date.now()}`)
      .digest('hex')
      .slice(0, 10);
    const file = `${module}${symbol ? `-${symbol}` : ''}-${hash}.json`;
    await chain;
    // Record mode never fails the live request it copies: a recording that cannot be written is skipped.
    await writeFile(join(dir, file), JSON.stringify(rec, null, 1)).catch(() => undefined);
    await append({
      file,
      module,
      symbol,
      method,
      url,
      host: u.hostname,
      path: w.path,
      query: w.query,
      status: res.status,
      body: bodyJson !== undefined ? 'bodyJson' : 'bodyText',
      captured: new Date().toISOString(),
      wrapper: 'v3',
      bytes: text.length,
      ...(res.headers.get('location') ? { location: res.headers.get('location') } : {}),
    });
    return new Response([101, 204, 205, 304].includes(res.status) ? null : text, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}
