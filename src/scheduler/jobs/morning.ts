/**
 * The morning opportunity post: the default scan's ranked picks, rendered like `/scan`, as a
 * `kind: 'post'` reply. The picks are also kept per day (`schedpicks`) so the IV snapshot and
 * the end-of-day summary can follow them.
 */
import { compact, money, num, stampLine } from '../../chat/format.js';
import { okReply, type Reply } from '../../chat/reply.js';
import { runScan } from '../../scanner/pipeline.js';
import type { Services } from '../../services.js';
import type { Slot } from '../slots.js';
import { PICKS_NS, type PostedPick } from './picks.js';

export async function buildMorningPost(services: Services, slot: Slot): Promise<Reply> {
  const { market, config, clock } = services;
  const band = config.trading.defaultBand;
  const result = await runScan(market, config, { band, limit: config.scanner.limit }, clock.now());
  const picks = result.picks;
  await services.store.ns<PostedPick[]>(PICKS_NS).set(slot.date, picks.map((p) => ({ symbol: p.symbol, price: p.price, score: p.score })));
  return okReply('morning', {
    kind: 'post',
    title: `Morning picks ${slot.date} — ${band} caps: top ${picks.length} of ${result.universe.toLocaleString('en-US')}`,
    text: picks.length
      ? `${result.afterListingFilters.toLocaleString('en-US')} passed the cap/price/volume filters; ${result.deepDived} were analysed in depth. Not investment advice.`
      : `No symbol passed the filters today (${result.afterListingFilters} after cap/price/volume).`,
    tables: [
      {
        columns: ['#', 'Symbol', 'Price', 'Cap', 'Score', 'Why'],
        align: ['right', 'left', 'right', 'right', 'right', 'left'],
        rows: picks.map((p, i) => [String(i + 1), p.symbol, money(p.price), compact(p.marketCap), num(p.score, 1), p.reasons.slice(0, 2).join('; ')]),
      },
    ],
    footer: result.stamp ? stampLine(result.stamp, [`scheduled ${slot.id.slice(11)} ET`]) : `scheduled ${slot.id.slice(11)} ET`,
    data: {
      job: 'morning',
      slot: slot.id,
      universe: result.universe,
      band,
      asOf: result.stamp?.asOf,
      source: result.stamp?.source,
      picks: picks.map((p) => ({ symbol: p.symbol, name: p.name, sector: p.sector, price: p.price, marketCap: p.marketCap, score: p.score, reasons: p.reasons })),
    },
  });
}
