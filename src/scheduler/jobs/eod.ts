/**
 * The end-of-day summary: the portfolio's day (P&L, open risk) from the summary port when one
 * is connected, how the morning picks did from their posted price to the close, and the
 * alerts that were delivered today (read back from the outbox, so it lists what users saw).
 */
import { money, pct, stampLine } from '../../chat/format.js';
import { okReply, type Reply, type ReplyField, type ReplyTable } from '../../chat/reply.js';
import type { Outbox } from '../../store/outbox.js';
import { SIM_SOURCE } from '../../market/sim/index.js';
import type { Services } from '../../services.js';
import type { SummarySource } from '../ports.js';
import type { Slot } from '../../schedule/slots.js';
import { picksOfDay } from '../../track/index.js';
import { loadPicks, type PostedPick } from '../../store/picks.js';

export async function buildDaySummary(services: Services, tenant: string, slot: Slot, outbox: Outbox, summary?: SummarySource): Promise<Reply> {
  const { market, store, clock } = services;
  const fields: ReplyField[] = [];
  if (summary) fields.push(...(await summary.daySummary(tenant, slot.date, clock.now())).map((l) => ({ ...l, inline: true })));

  const picks = await loadPicks(store, slot.date);
  // Without quotes the summary still goes out: each pick's close shows as n/a (the provider logs its failure).
  const quotes = picks.length ? await market.quotes(picks.map((p) => p.symbol)).catch(() => []) : [];
  const bySymbol = new Map(quotes.map((q) => [q.symbol, q]));
  const rows = picks.map((p) => {
    const q = bySymbol.get(p.symbol);
    return [p.symbol, money(p.price), money(q?.price), q ? pct(q.price / p.price - 1, 1, true) : 'n/a'];
  });
  const moves = picks.map((p) => bySymbol.get(p.symbol)).flatMap((q, i) => (q ? [q.price / (picks[i] as PostedPick).price - 1] : []));
  if (moves.length) fields.push({ name: 'Morning picks, average move', value: pct(moves.reduce((a, b) => a + b, 0) / moves.length, 2, true), inline: true });

  // Yesterday's picks, graded one trading day on: the track record's newest due returns.
  const yesterday = services.calendar.previousTradingDay(slot.date);
  const graded = await picksOfDay(services, tenant, yesterday, clock.now()).catch(() => []);
  const due = graded.filter((r) => r.returns.d1 !== null);
  if (due.length) {
    const avg = due.reduce((a, r) => a + (r.returns.d1 as number), 0) / due.length;
    fields.push({
      name: `Picks of ${yesterday}, 1 day on`,
      value: `${pct(avg, 2, true)} average, ${due.filter((r) => (r.returns.d1 as number) > 0).length} of ${due.length} up`,
      inline: true,
    });
  }

  const alerts = (await outbox.forDay(tenant, slot.date, 'alert')).filter((a) => a.state === 'sent');
  fields.push({ name: 'Alerts today', value: alerts.length ? String(alerts.length) : 'none', inline: true });
  const alertLines = alerts.slice(0, 15).map((a) => `• ${a.reply.title ?? ''}${a.reply.title ? ': ' : ''}${a.reply.text ?? ''}`.slice(0, 200));
  if (alerts.length > 15) alertLines.push(`… and ${alerts.length - 15} more`);

  const tables: ReplyTable[] = [];
  if (rows.length)
    tables.push({ title: 'Morning picks since the post', columns: ['Symbol', 'Posted', 'Now', 'Move'], align: ['left', 'right', 'right', 'right'], rows });
  if (graded.length) {
    const idea = (r: (typeof graded)[number]) => (!r.idea ? 'no idea' : r.idea.pnl === null ? 'n/a' : pct(r.idea.pnl, 0, true));
    const rowsY = graded.map((r) => [r.symbol, money(r.entry), r.returns.d1 === null ? 'not due' : pct(r.returns.d1, 1, true), idea(r)]);
    tables.push({
      title: `Picks of ${yesterday} (track record)`,
      columns: ['Symbol', 'Entry', '1 day', 'Idea'],
      align: ['left', 'right', 'right', 'right'],
      rows: rowsY,
    });
  }

  // No picks to price: the summary still says where its figures come from and when.
  const stamp = quotes[0]?.stamp ?? {
    source: market.mode,
    asOf: clock.now().toISOString(),
    delayed: false,
    stale: false,
    simulated: market.mode === SIM_SOURCE,
  };
  return okReply('eod', {
    kind: 'post',
    title: `End of day ${slot.date}`,
    text: alertLines.length ? alertLines.join('\n') : undefined,
    fields,
    tables: tables.length ? tables : undefined,
    footer: stampLine(stamp),
    data: {
      job: 'eod',
      slot: slot.id,
      tenant,
      picks: picks.map((p) => ({ ...p, now: bySymbol.get(p.symbol)?.price })),
      yesterday: { day: yesterday, picks: graded },
      alerts: alerts.map((a) => ({ id: a.id, title: a.reply.title, text: a.reply.text, sentAt: a.sentAt })),
    },
  });
}
