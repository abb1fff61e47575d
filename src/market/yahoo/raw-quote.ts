/**
 * Batched quotes through yahoo-finance2's own request path (crumb, cookies, queue, our fetch) but
 * without its result schema: the library validates a quote batch by stringifying every row once for
 * each quote type it tries, ~1 ms a row in one synchronous stretch (0.3–0.6 s for a 500-symbol batch,
 * during which no other user's command is served). `mapQuote` reads the raw rows tolerantly (plain
 * numbers, `{ raw }` wrappers, epoch seconds) and checks what it keeps with zod, so nothing is lost.
 */
import type YahooFinance from 'yahoo-finance2';
import { obj } from './loose.js';

/** An empty JSON schema: the library's validator accepts any value without walking it. */
const ANY = { Any: {} };

/** The rows of `quoteResponse.result` for `symbols` (one request), unvalidated; rows with quoteType NONE left out. */
export async function rawQuoteRows(yf: InstanceType<typeof YahooFinance>, symbols: readonly string[]): Promise<unknown[]> {
  const rows = await yf._moduleExec({
    moduleName: 'quote',
    query: {
      url: 'https://${YF_QUERY_HOST}/v7/finance/quote',
      needsCrumb: true,
      definitions: ANY,
      schemaKey: '#/definitions/Any',
      defaults: {},
      runtime: { symbols: symbols.join(',') },
      overrides: {},
    },
    result: {
      definitions: ANY,
      schemaKey: '#/definitions/Any',
      transformWith(raw: unknown) {
        const result = obj(obj(raw)?.quoteResponse)?.result;
        // The library's own words for this case, so errors.ts maps it as before.
        if (!Array.isArray(result)) throw new Error('Unexpected result: the quote response has no result list');
        return result;
      },
    },
  });
  return (rows as unknown[]).filter((r) => obj(r)?.quoteType !== 'NONE');
}

/**
 * A quote row whose price is there but unreadable: the drift the library's validation used to refuse.
 * It carries that error's name so that mapYahooError words it the same way (BAD_RESPONSE, not retried).
 */
export class QuoteDrift extends Error {
  override name = 'FailedYahooValidationError';
}
