/**
 * Adding and closing positions: validate against the market (the ticker exists, the option is
 * listed and not expired), price from the market when no price is given, run the entry checks, then
 * write under the tenant's lock. Any failure throws a DomainError before anything is written.
 */
import { DomainError } from '../errors.js';
import { correlationMatrix } from '../core/risk/index.js';
import {
  BookError,
  closePosition,
  entryChecks,
  findPosition,
  jointReturns,
  openPosition,
  optionGreeks,
  positionLabel,
  sign,
  type EntryWarning,
  type OptionSpec,
  type Position,
  type Side,
  type Trade,
} from '../core/portfolio/index.js';
import { MarketDataError } from '../market/types.js';
import { hasExpired } from '../market/expiry.js';
import type { Services } from '../services.js';
import { loadBook } from './book.js';
import { historyStart, priceSeries } from './history.js';
import { checkSense } from './sense.js';
import { updateTenant, loadTenant } from '../store/portfolio.js';
import { optionHolding, valuePositions, type ValuedPosition } from './valuation.js';

export interface Actor {
  tenant: string;
  user: string;
  isAdmin: boolean;
}

export interface AddRequest {
  symbol: string;
  side: Side;
  quantity: number;
  price?: number;
  option?: Partial<OptionSpec>;
  stopLoss?: number;
  profitTarget?: number;
  notes?: string;
  owner: string;
  /** Accept an entry price far from the market (see sense.ts). */
  confirm?: boolean;
}

const fail = (err: unknown): never => {
  if (err instanceof BookError) throw new DomainError(err.code, err.message);
  throw err;
};

function checkOwner(actor: Actor, owner: string): void {
  if (owner !== actor.user && !actor.isAdmin) throw new DomainError('FORBIDDEN', 'Only server admins can change the shared portfolio.');
}

export async function addPosition(
  services: Services,
  actor: Actor,
  req: AddRequest,
): Promise<{ position: Position; warnings: EntryWarning[]; valued: ValuedPosition }> {
  checkOwner(actor, req.owner);
  if (!(req.quantity > 0)) throw new DomainError('BAD_QUANTITY', 'Quantity must be a positive number.');
  const { market, config, clock } = services;
  const [quote] = await market.quotes([req.symbol]);
  if (!quote) throw new DomainError('UNKNOWN_SYMBOL', `No quote found for "${req.symbol}"; check the ticker.`);
  const option = validateOption(req.option, (expiry) => hasExpired(services.calendar, expiry, clock.now()));
  const draft: Position = {
    id: 'new',
    owner: req.owner,
    symbol: quote.symbol,
    ...(option ? { option } : {}),
    side: req.side,
    quantity: req.quantity,
    multiplier: option ? 100 : 1,
    entryPrice: req.price ?? NaN,
    entryDate: '',
    stopLoss: NaN,
    profitTarget: NaN,
    addedBy: actor.user,
    addedAt: clock.now().toISOString(),
  };
  if (option) {
    const chain = await market.optionChain(quote.symbol, option.expiry).catch((err: unknown) => {
      if (err instanceof MarketDataError && err.code === 'UNKNOWN_EXPIRY') throw new DomainError('UNKNOWN_EXPIRY', err.message);
      throw err;
    });
    if (!chain.contracts.some((c) => c.type === option.type && Math.abs(c.strike - option.strike) < 1e-6)) {
      const near = [...new Set(chain.contracts.map((c) => c.strike))]
        .sort((a, b) => Math.abs(a - option.strike) - Math.abs(b - option.strike))
        .slice(0, 5)
        .sort((a, b) => a - b);
      throw new DomainError(
        'UNKNOWN_STRIKE',
        `${quote.symbol} ${option.expiry} has no ${option.strike} ${option.type}; nearest strikes are ${near.join(', ')}.`,
      );
    }
  }
  const [valued] = await valuePositions(services, [draft]);
  if (!valued) throw new DomainError('NO_PRICE', `Could not price ${positionLabel(draft)}.`);
  const entryPrice = req.price ?? valued.mark;
  if (!(entryPrice > 0)) throw new DomainError('NO_PRICE', `${positionLabel(draft)} has no market price right now; give one with price=.`);
  checkSense({
    side: req.side,
    quantity: req.quantity,
    entryPrice,
    mark: valued.mark,
    priceGiven: req.price !== undefined,
    isOption: !!option,
    multiplier: draft.multiplier,
    ...(req.stopLoss !== undefined ? { stopLoss: req.stopLoss } : {}),
    ...(req.profitTarget !== undefined ? { profitTarget: req.profitTarget } : {}),
    ...(req.confirm ? { confirm: true } : {}),
  });
  const day = services.calendar.nyDate(clock.now());
  const warnings = await runEntryChecks(services, actor.tenant, req.owner, { ...valued, position: { ...draft, entryPrice } }, req);
  const position = await updateTenant(services.store, actor.tenant, (doc) => {
    try {
      const out = openPosition(
        doc,
        {
          owner: req.owner,
          symbol: quote.symbol,
          ...(option ? { option } : {}),
          side: req.side,
          quantity: req.quantity,
          entryPrice,
          entryDate: day,
          ...(req.stopLoss !== undefined ? { stopLoss: req.stopLoss } : {}),
          ...(req.profitTarget !== undefined ? { profitTarget: req.profitTarget } : {}),
          ...(req.notes ? { notes: req.notes } : {}),
          ...(valued.sector ? { sector: valued.sector } : {}),
          ...(valued.iv !== undefined && Number.isFinite(valued.iv) ? { entryIv: valued.iv } : {}),
          addedBy: actor.user,
          addedAt: clock.now().toISOString(),
        },
        config.trading,
      );
      return { doc: out.doc, result: out.position };
    } catch (err) {
      return fail(err);
    }
  });
  return { position, warnings, valued };
}

function validateOption(o: Partial<OptionSpec> | undefined, expired: (expiry: string) => boolean): OptionSpec | undefined {
  if (!o || (o.type === undefined && o.strike === undefined && o.expiry === undefined)) return undefined;
  if (o.type === undefined || o.strike === undefined || o.expiry === undefined) {
    throw new DomainError('MISSING_ARGUMENT', 'An option position needs all of expiry, strike and type, e.g. /portfolio add ABCD 2 2026-12-18 25 call.');
  }
  if (expired(o.expiry)) throw new DomainError('EXPIRED_OPTION', `The ${o.expiry} expiry has passed; an expired option cannot be added.`);
  if (!(o.strike > 0)) throw new DomainError('INVALID_ARGUMENT', 'Strike must be a positive number.');
  return { type: o.type, strike: o.strike, expiry: o.expiry };
}

async function runEntryChecks(services: Services, tenant: string, owner: string, cand: ValuedPosition, req: AddRequest): Promise<EntryWarning[]> {
  const { config } = services;
  const book = await loadBook(services, tenant, owner, { snapshot: false });
  const p = cand.position;
  const { stopLoss } = { stopLoss: req.stopLoss ?? p.entryPrice * (1 - sign(p.side) * (p.option ? config.trading.optionStopPct : config.trading.stopLossPct)) };
  const riskOf = (x: Position, stop: number) => Math.max(0, sign(x.side) * (x.entryPrice - stop) * x.quantity * x.multiplier);
  const held = book.positions.map(({ valued: v }) => ({
    id: v.position.id,
    symbol: v.position.symbol,
    label: v.label,
    ...(v.sector ? { sector: v.sector } : {}),
    cost: v.position.entryPrice * v.position.quantity * v.position.multiplier,
    riskAtStop: riskOf(v.position, v.position.stopLoss),
  }));
  let correlations: { symbol: string; rho: number }[] = [];
  const others = [...new Set(held.map((h) => h.symbol).filter((s) => s !== p.symbol))];
  if (others.length) {
    const from = historyStart(book.day, config.risk.historyDays);
    const series = await Promise.all([p.symbol, ...others].map((s) => priceSeries(services, s, from, book.day).catch(() => undefined)));
    const ok = series.filter((s): s is NonNullable<typeof s> => !!s);
    if (ok[0]?.symbol === p.symbol && ok.length > 1) {
      const m = correlationMatrix(jointReturns(ok, config.risk.historyDays).columns);
      correlations = ok
        .slice(1)
        .map((s, i) => ({ symbol: s.symbol, rho: m[0]?.[i + 1] ?? NaN }))
        .filter((c) => Number.isFinite(c.rho));
    }
  }
  let delta: number | undefined;
  let thetaPctPerDay: number | undefined;
  if (p.option && cand.iv !== undefined && Number.isFinite(cand.iv)) {
    const g = optionGreeks(optionHolding(cand, cand.iv, config.options.riskFreeRate));
    delta = g.delta;
    // Time decay is a cost only to the holder: a short option collects it, so it gets no theta warning.
    thetaPctPerDay = g.price > 0 && p.side === 'long' ? -g.thetaPerDay / g.price : undefined;
  }
  const mid = cand.bid && cand.ask ? (cand.bid + cand.ask) / 2 : NaN;
  const [q] = p.option ? [] : await services.market.quotes([p.symbol]);
  return entryChecks(
    {
      symbol: p.symbol,
      label: cand.label,
      ...(cand.sector ? { sector: cand.sector } : {}),
      isOption: !!p.option,
      cost: p.entryPrice * p.quantity * p.multiplier,
      riskAtStop: riskOf(p, stopLoss),
      ...(delta !== undefined ? { delta } : {}),
      ...(thetaPctPerDay !== undefined ? { thetaPctPerDay } : {}),
      quantity: p.quantity,
      ...(q?.avgVolume !== undefined ? { avgVolume: q.avgVolume } : {}),
      ...(p.option ? { openInterest: cand.openInterest ?? 0, spreadPct: mid > 0 ? ((cand.ask as number) - (cand.bid as number)) / mid : NaN } : {}),
    },
    held,
    book.equity,
    {
      maxPortfolioRisk: config.trading.maxPortfolioRisk,
      maxPositions: config.trading.maxPositions,
      maxPositionPct: config.trading.maxPositionPct,
      maxSectorPct: config.trading.maxSectorPct,
      maxCorrelation: config.risk.entryChecks.maxCorrelation,
      deltaWindow: config.risk.entryChecks.deltaWindow,
      maxThetaPctPerDay: config.risk.entryChecks.maxThetaPctPerDay,
      minAvgVolume: config.scanner.minAvgVolume,
      maxAdvPct: config.risk.entryChecks.maxAdvPct,
      minOpenInterest: config.options.junk.minOpenInterest,
      maxSpreadPct: config.options.junk.maxSpreadPct,
    },
    correlations,
  );
}

export async function closeTrade(
  services: Services,
  actor: Actor,
  req: { ref: string; owner: string; quantity?: number; price?: number },
): Promise<{ trade: Trade; remaining: number; priceBasis: string }> {
  checkOwner(actor, req.owner);
  const { clock } = services;
  const before = await loadTenant(services.store, actor.tenant);
  let target: Position;
  try {
    target = findPosition(before, req.owner, req.ref);
  } catch (err) {
    return fail(err);
  }
  if (req.quantity !== undefined && req.quantity > target.quantity + 1e-9)
    throw new DomainError('OVER_CLOSE', `${target.id} holds ${target.quantity}; you cannot close ${req.quantity}.`);
  let price = req.price;
  let priceBasis = 'given';
  if (price === undefined) {
    const [v] = await valuePositions(services, [target]);
    price = v?.mark;
    priceBasis = v?.markBasis ?? 'n/a';
    if (price === undefined || !Number.isFinite(price))
      throw new DomainError('NO_PRICE', `${positionLabel(target)} has no market price right now; give one with price=.`);
  }
  const day = services.calendar.nyDate(clock.now());
  const out = await updateTenant(services.store, actor.tenant, (doc) => {
    try {
      const current = findPosition(doc, req.owner, target.id);
      const r = closePosition(doc, current.id, {
        ...(req.quantity !== undefined ? { quantity: req.quantity } : {}),
        price: price as number,
        date: day,
        by: actor.user,
      });
      return { doc: r.doc, result: r };
    } catch (err) {
      return fail(err);
    }
  });
  return { trade: out.trade, remaining: out.remaining, priceBasis };
}
