/**
 * Finding the recorded response for a request, per the fixture index's rule: method + path +
 * query with the crumb removed, host ignored. Where the client asks for a combination nobody
 * recorded, real recordings are combined rather than invented: a batched quote is assembled from
 * per-symbol quote recordings, a multi-module quoteSummary from a superset or per-module
 * recordings, and a chart is served from a recording whose period covers the request.
 */
export interface IndexEntry {
  file: string;
  module?: string;
  symbol?: string | null;
  method?: string;
  url?: string;
  host?: string;
  path: string;
  query: Record<string, string>;
  status?: number;
  wrapper?: string;
  captured?: string;
}

export interface Wanted {
  method: string;
  path: string;
  query: Record<string, string>;
}

export function wantedFrom(url: string, method = 'GET'): Wanted {
  const u = new URL(url);
  const query: Record<string, string> = {};
  u.searchParams.forEach((v, k) => {
    if (k !== 'crumb') query[k] = v;
  });
  return { method: method.toUpperCase(), path: decodeURIComponent(u.pathname), query };
}

const samePath = (e: IndexEntry, w: Wanted): boolean =>
  (e.method ?? 'GET').toUpperCase() === w.method && e.path.replace(/\/+$/, '') === w.path.replace(/\/+$/, '');

const sameQuery = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
};

/** Prefer the newer wrapper (v3), then the later capture. */
const preference = (e: IndexEntry): string => `${e.wrapper === 'v3' ? 1 : 0}${e.captured ?? ''}`;

function best(entries: IndexEntry[], score: (e: IndexEntry) => number): IndexEntry | undefined {
  let top: IndexEntry | undefined;
  let topScore = -Infinity;
  for (const e of entries) {
    const s = score(e);
    if (s > topScore || (s === topScore && top && preference(e) > preference(top))) {
      top = e;
      topScore = s;
    }
  }
  return top;
}

/** Query parameters that change *what* is asked for; the rest (lang, formatting) only how. */
const IDENTITY: Array<[RegExp, string[]]> = [
  [/^\/v7\/finance\/options\//, ['date']],
  [/^\/v8\/finance\/chart\//, ['interval']],
  [/^\/v1\/finance\/screener/, ['scrIds']],
  [/^\/v7\/finance\/quote$/, ['symbols', 'fields']],
  [/^\/v10\/finance\/quoteSummary\//, ['modules']],
];

export function exactOrClose(entries: IndexEntry[], w: Wanted): IndexEntry | undefined {
  const candidates = entries.filter((e) => samePath(e, w));
  const exact = candidates.filter((e) => sameQuery(e.query, w.query));
  if (exact.length > 0) return best(exact, () => 0);
  const identity = IDENTITY.find(([re]) => re.test(w.path))?.[1] ?? [];
  const close = candidates.filter((e) => identity.every((k) => e.query[k] === w.query[k]));
  if (/^\/v8\/finance\/chart\//.test(w.path)) return chartCover(close, w);
  return best(close, (e) => Object.keys(w.query).filter((k) => e.query[k] === w.query[k]).length);
}

function chartCover(entries: IndexEntry[], w: Wanted): IndexEntry | undefined {
  const from = Number(w.query.period1),
    to = Number(w.query.period2);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return undefined;
  const overlap = (e: IndexEntry): number => Math.min(to, Number(e.query.period2)) - Math.max(from, Number(e.query.period1));
  const top = best(entries, overlap);
  return top && overlap(top) > 0 ? top : undefined;
}

/** Entries holding each requested quote symbol (single-symbol recordings first). */
export function quoteSources(entries: IndexEntry[], symbols: string[]): Map<string, IndexEntry> {
  const out = new Map<string, IndexEntry>();
  const quotes = entries.filter((e) => e.path === '/v7/finance/quote' && !e.query.fields && e.query.symbols);
  for (const s of symbols) {
    const holding = quotes.filter((e) => (e.query.symbols ?? '').split(',').includes(s));
    const top = best(holding, (e) => -(e.query.symbols ?? '').split(',').length);
    if (top) out.set(s, top);
  }
  return out;
}

/** For quoteSummary: one recording holding every module, else one recording per module. */
export function summarySources(entries: IndexEntry[], path: string, modules: string[]): Map<string, IndexEntry> {
  const same = entries.filter((e) => e.path === path && e.query.modules);
  const superset = best(
    same.filter((e) => modules.every((m) => (e.query.modules ?? '').split(',').includes(m))),
    () => 0,
  );
  const out = new Map<string, IndexEntry>();
  for (const m of modules) {
    const single = best(
      same.filter((e) => e.query.modules === m),
      () => 0,
    );
    const src = superset ?? single;
    if (src) out.set(m, src);
  }
  return out;
}
