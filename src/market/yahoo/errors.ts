/** yahoo-finance2's errors (plain Errors, HTTPError, FailedYahooValidationError) → ProviderErrors. */
import { ProviderError } from '../gateway/errors.js';
import { MarketDataError } from '../types.js';

export const YAHOO = 'yahoo';
export const YAHOO_LABEL = 'Yahoo Finance';

export function mapYahooError(err: unknown, what: string, symbol?: string): MarketDataError {
  if (err instanceof MarketDataError) return err;
  const e = err instanceof Error ? err : new Error(String(err));
  const msg = e.message ?? '';
  const code = (e as { code?: unknown }).code;
  const sym = symbol ? ` ${symbol}` : '';
  if (/invalid crumb|invalid cookie|unauthorized/i.test(msg) || code === 401) {
    return new ProviderError('AUTH', `Yahoo Finance rejected the bot's session while fetching ${what}${sym}; it will start a new one.`, YAHOO, {
      retryable: true,
      resetSession: true,
      cause: e,
    });
  }
  if (/crumb|set-cookie|consent|Unexpected redirect/i.test(msg)) {
    return new ProviderError('UNAVAILABLE', 'Yahoo Finance refused to start a session for the bot; try again shortly.', YAHOO, {
      retryable: true,
      resetSession: true,
      cause: e,
    });
  }
  if (code === 429 || /too many requests/i.test(msg)) {
    return new ProviderError('RATE_LIMITED', 'Yahoo Finance is limiting how often the bot may ask for data; try again in a minute.', YAHOO, {
      retryable: true,
      cause: e,
    });
  }
  if (typeof code === 'number' && code >= 500) {
    return new ProviderError('UNAVAILABLE', `Yahoo Finance is having trouble right now (HTTP ${code}); try again shortly.`, YAHOO, {
      retryable: true,
      cause: e,
    });
  }
  // The edge's timeout can also fire while the library is still reading the body.
  if (e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new ProviderError('TIMEOUT', `Yahoo Finance did not finish sending ${what}${sym} in time.`, YAHOO, { retryable: true, cause: e });
  }
  if (e.name === 'FailedYahooValidationError') {
    return new ProviderError('BAD_RESPONSE', `Yahoo Finance sent ${what}${sym} in a shape the bot does not recognise, so it was not used.`, YAHOO, {
      cause: e,
    });
  }
  if (/not parsable|Unexpected token|JSON/i.test(msg)) {
    return new ProviderError('BAD_RESPONSE', `Yahoo Finance sent ${what}${sym} that the bot could not read.`, YAHOO, { retryable: true, cause: e });
  }
  if (symbol && (/not found|no data found|delisted|no fundamentals/i.test(msg) || code === 404)) {
    return unknownSymbol(symbol);
  }
  return new ProviderError('UNAVAILABLE', `Yahoo Finance could not provide ${what}${sym} right now.`, YAHOO, { cause: e });
}

export const unknownSymbol = (symbol: string): MarketDataError =>
  new MarketDataError('UNKNOWN_SYMBOL', `Yahoo Finance does not know the symbol ${symbol}.`, YAHOO);
