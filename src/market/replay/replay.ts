/**
 * `replay:DIR`: a fetch that answers Yahoo requests from recordings, so the real yahoo-finance2
 * client (crumb flow, validation, parsing) runs unchanged, offline.
 */
import { ProviderError } from '../gateway/errors.js';
import type { FetchFn } from '../http/request.js';
import { requestUrl } from '../yahoo/transport.js';
import { readIndex, readRecording, toResponse, type Recording } from './files.js';
import { exactOrClose, quoteSources, summarySources, wantedFrom, type IndexEntry } from './match.js';

export interface ReplayFetch extends FetchFn {
  /** Requests answered / not found, for tests and status. */
  readonly served: string[];
  readonly missed: string[];
}

const ok = (body: unknown): Recording => ({
  request: { url: '' },
  response: { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json;charset=utf-8' }, bodyJson: body },
});

export async function createReplayFetch(dir: string): Promise<ReplayFetch> {
  let entries: IndexEntry[];
  try {
    entries = (await readIndex(dir)).files;
  } catch (err) {
    throw new ProviderError('UNAVAILABLE', `The replay directory ${dir} has no readable index.json.`, 'yahoo', { cause: err });
  }
  const cache = new Map<string, Promise<Recording>>();
  const load = (file: string): Promise<Recording> => {
    let p = cache.get(file);
    if (!p) {
      p = readRecording(dir, file);
      cache.set(file, p);
    }
    return p;
  };
  const served: string[] = [];
  const missed: string[] = [];

  const miss = (what: string): ProviderError => {
    missed.push(what);
    return new ProviderError('UNAVAILABLE', `The replay recordings have no Yahoo Finance answer for ${what}.`, 'yahoo', { lacksData: true });
  };

  async function answer(url: string, method: string): Promise<Response> {
    const w = wantedFrom(url, method);
    const direct = exactOrClose(entries, w);
    if (direct) {
      served.push(direct.file);
      return toResponse(await load(direct.file));
    }
    if (w.path === '/v7/finance/quote' && w.query.symbols) {
      const symbols = w.query.symbols.split(',');
      const sources = quoteSources(entries, symbols);
      if (sources.size === 0) throw miss(`a quote of ${symbols.join(', ')}`);
      const result: unknown[] = [];
      for (const [symbol, e] of sources) {
        const rows = ((await load(e.file)).response.bodyJson as { quoteResponse?: { result?: Array<{ symbol?: string }> } })?.quoteResponse?.result ?? [];
        result.push(...rows.filter((r) => r.symbol === symbol));
        served.push(e.file);
      }
      return toResponse(ok({ quoteResponse: { result, error: null } }));
    }
    const summary = /^\/v10\/finance\/quoteSummary\/([^/]+)$/.exec(w.path);
    if (summary && w.query.modules) {
      const modules = w.query.modules.split(',');
      const sources = summarySources(entries, w.path, modules);
      if (sources.size === 0) throw miss(`fundamentals of ${summary[1]}`);
      const merged: Record<string, unknown> = {};
      for (const [m, e] of sources) {
        const row = ((await load(e.file)).response.bodyJson as { quoteSummary?: { result?: Array<Record<string, unknown>> } })?.quoteSummary?.result?.[0];
        if (row?.[m] !== undefined) merged[m] = row[m];
        served.push(e.file);
      }
      return toResponse(ok({ quoteSummary: { result: [merged], error: null } }));
    }
    throw miss(describe(w.path, w.query));
  }

  const fetchFn = (async (input: string | URL | Request, init?: RequestInit) =>
    answer(requestUrl(input), init?.method ?? (input instanceof Request ? input.method : 'GET'))) as ReplayFetch;
  Object.assign(fetchFn, { served, missed });
  return fetchFn;
}

function describe(path: string, query: Record<string, string>): string {
  const sym = /\/(options|chart)\/([^/]+)$/.exec(path);
  if (sym?.[1] === 'options') {
    const day = query.date ? new Date(Number(query.date) * 1000).toISOString().slice(0, 10) : undefined;
    return `the ${sym[2]} option chain${day ? ` expiring ${day}` : ''}`;
  }
  if (sym?.[1] === 'chart') {
    const day = (k: string): string => new Date(Number(query[k]) * 1000).toISOString().slice(0, 10);
    return `the ${sym[2]} price history from ${day('period1')} to ${day('period2')}`;
  }
  if (path === '/v1/finance/screener/predefined/saved' && query.scrIds) return `the ${query.scrIds} screener`;
  const trending = /^\/v1\/finance\/trending\/([^/]+)$/.exec(path);
  if (trending) return `the trending symbols for ${trending[1]}`;
  return `the request ${path}`;
}
