/**
 * The NASDAQ screener (every US-listed stock with price, market cap, sector and volume) as a
 * universe-only source. The endpoint stalls on clients without browser-like headers.
 */
import { getJson } from '../http/json.js';
import type { FetchFn } from '../http/request.js';
import { MarketDataError, type MarketDataProvider, type UniverseEntry } from '../types.js';
import { arr, compact, obj, str } from '../yahoo/loose.js';
import { pace } from '../../pace.js';

export const NASDAQ = 'nasdaq';
export const NASDAQ_LABEL = 'NASDAQ screener';
const who = { id: NASDAQ, label: NASDAQ_LABEL };

/** "$1,234.50" → 1234.5; "" or "NA" → undefined. */
export function money(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v !== 'string') return undefined;
  const cleaned = v.replace(/[$,\s]/g, '');
  const x = Number(cleaned);
  return cleaned !== '' && Number.isFinite(x) ? x : undefined;
}

/** Screener symbols use "/" for share classes (BRK/A); Yahoo and the rest use "-". "^" marks preferreds: skipped. */
export function normaliseSymbol(raw: string): string | undefined {
  const s = raw.trim().toUpperCase().replace(/\//g, '-');
  return /^[A-Z][A-Z0-9.-]{0,9}$/.test(s) ? s : undefined;
}

export function mapScreenerRows(body: unknown): UniverseEntry[] {
  const seen = new Set<string>();
  return screenerRows(body).flatMap((raw) => mapScreenerRow(raw, seen) ?? []);
}

/** Like {@link mapScreenerRows}, yielding to the event loop as it goes (thousands of rows). */
async function mapScreenerRowsPaced(body: unknown): Promise<UniverseEntry[]> {
  const seen = new Set<string>();
  const out: UniverseEntry[] = [];
  for (const raw of screenerRows(body)) {
    const e = mapScreenerRow(raw, seen);
    if (e) out.push(e);
    await pace();
  }
  return out;
}

const screenerRows = (body: unknown): unknown[] => arr(obj(obj(body)?.data)?.rows);

/** One listing row; undefined without a symbol or when `seen` already has it. */
function mapScreenerRow(raw: unknown, seen: Set<string>): UniverseEntry | undefined {
  const r = obj(raw);
  const symbol = normaliseSymbol(str(r?.symbol) ?? '');
  if (!symbol || seen.has(symbol)) return undefined;
  seen.add(symbol);
  const cap = money(r?.marketCap);
  return compact({
    symbol,
    name: str(r?.name)?.trim(),
    sector: str(r?.sector),
    marketCap: cap && cap > 0 ? cap : undefined,
    price: money(r?.lastsale),
    volume: money(r?.volume),
  }) as UniverseEntry;
}

export function createNasdaqUniverse(opts: { baseUrl: string; fetch: FetchFn }): MarketDataProvider {
  const notHere = async (): Promise<never> => {
    throw new MarketDataError('NOT_SUPPORTED', 'The NASDAQ screener only lists symbols.', NASDAQ);
  };
  return {
    id: NASDAQ,
    quotes: notHere,
    history: notHere,
    optionChain: notHere,
    fundamentals: notHere,
    async universe() {
      const u = new URL('api/screener/stocks', opts.baseUrl.replace(/\/+$/, '') + '/');
      u.searchParams.set('tableonly', 'true');
      u.searchParams.set('download', 'true');
      const reply = await getJson(opts.fetch, u, who, {
        'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
        'accept-language': 'en-US,en;q=0.9',
      });
      const entries = reply.status < 400 ? await mapScreenerRowsPaced(reply.body) : [];
      if (entries.length === 0) throw new MarketDataError('BAD_RESPONSE', 'The NASDAQ screener sent no stock list.', NASDAQ);
      return entries;
    },
  };
}
