/**
 * Pieces the `--json` data schemas share. Schemas describe `data` as printed (JSON): a number
 * that can be NaN or ±Infinity in memory is `num` here (JSON prints those as null), and optional
 * fields are omitted rather than null unless a command says null.
 */
import { z } from 'zod';

/** A finite number, or null where there is none ("n/a": never a made-up figure). */
export const num = z.number().nullable();
/** `YYYY-MM-DD` (New York trading day or expiry). */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** ISO-8601 instant. */
export const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
export const optionType = z.enum(['call', 'put']);
export const side = z.enum(['long', 'short']);
/** Platform-prefixed user id (`discord:1234`), or `shared` for the tenant's shared portfolio. */
export const owner = z.string().min(1);

/** Source and freshness of the figures, flattened into the data (as /quote and /greeks print them). */
export const stampFields = {
  asOf: instant,
  source: z.string(),
  delayed: z.boolean(),
  stale: z.boolean(),
  simulated: z.boolean(),
};

export const optionSpec = z.strictObject({ expiry: day, strike: z.number(), type: optionType });

/** Dollar Greeks of a position: per-share delta, then dollars per 1 % move, per vol point, per day. */
export const dollarGreeks = z.strictObject({
  delta: z.number(),
  deltaDollars: z.number(),
  gammaDollars: z.number(),
  vegaDollars: z.number(),
  thetaDollars: z.number(),
});

/**
 * The risk-free rate option figures were computed at, as /greeks prints it: continuously compounded
 * decimal, its source (13-week T-bill ^IRX or the config) and kind; all null when no option needed one.
 */
export const rateFields = {
  rate: num,
  rateSource: z.string().nullable(),
  rateKind: z.enum(['market', 'config']).nullable(),
};
