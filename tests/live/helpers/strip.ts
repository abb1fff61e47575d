/**
 * A proxy in front of a fake Yahoo that deletes fields from its JSON answers, the way live Yahoo
 * leaves them out (no previous close on a new listing, no bid or ask after hours, no open interest
 * on a fresh strike). Cookies and the crumb pass through untouched.
 */
import { startServer, type FakeServer } from '../../market/helpers/server.js';

type Json = Record<string, unknown>;

/** Field names to delete from quote rows (quote, screener, the option chain's quote) and from option contracts. */
export interface Missing {
  quote: string[];
  contract: string[];
}

const drop = (row: unknown, fields: string[]): unknown => {
  if (!row || typeof row !== 'object') return row;
  const out: Json = { ...(row as Json) };
  for (const f of fields) delete out[f];
  return out;
};

function strip(body: Json, missing: Missing): Json {
  const quotes = body.quoteResponse as { result?: unknown[] } | undefined;
  if (quotes?.result) quotes.result = quotes.result.map((r) => drop(r, missing.quote));
  const chain = (body.optionChain as { result?: Json[] } | undefined)?.result ?? [];
  for (const c of chain) {
    c.quote = drop(c.quote, missing.quote);
    for (const o of (c.options as Json[] | undefined) ?? []) {
      o.calls = ((o.calls as unknown[]) ?? []).map((x) => drop(x, missing.contract));
      o.puts = ((o.puts as unknown[]) ?? []).map((x) => drop(x, missing.contract));
    }
  }
  return body;
}

export function startStrippingProxy(target: string, missing: Missing): Promise<FakeServer> {
  return startServer(async (req, url, res) => {
    const upstream = await fetch(`${target}${url.pathname}${url.search}`, { headers: req.headers.cookie ? { cookie: req.headers.cookie } : {} });
    const headers: Record<string, string | string[]> = { 'content-type': upstream.headers.get('content-type') ?? 'text/plain' };
    const cookies = upstream.headers.getSetCookie();
    if (cookies.length) headers['set-cookie'] = cookies;
    const text = await upstream.text();
    let body = text;
    if (headers['content-type']?.includes('json')) {
      try {
        body = JSON.stringify(strip(JSON.parse(text) as Json, missing));
      } catch {
        // Not JSON after all (a malformed fault): pass it on as it came.
      }
    }
    res.writeHead(upstream.status, headers);
    res.end(body);
  });
}
