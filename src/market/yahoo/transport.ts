/** YAHOO_BASE_URL: every request to a *.yahoo.com host (crumb and consent steps included) goes to one base. */
import type { FetchFn } from '../http/request.js';

const YAHOO_HOST = /(^|\.)yahoo\.com$/i;

export function requestUrl(input: string | URL | Request): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

export function rewriteUrl(url: string, base: string): string {
  const u = new URL(url);
  if (!YAHOO_HOST.test(u.hostname)) return url;
  return base.replace(/\/+$/, '') + u.pathname + u.search;
}

export function withYahooBase(base: string | undefined, inner: FetchFn): FetchFn {
  if (!base) return inner;
  return (input, init) => inner(rewriteUrl(requestUrl(input), base), init);
}
