/**
 * /track as a reply: one row per pick (entry, 1/5/20-trading-day returns, option idea P&L), one
 * field per preset (hit rate, average and median vs the benchmark), and a chart of the
 * cumulative one-day results against the benchmark. The end-of-day summary reuses `trackRows`.
 */
import * as quickchart from 'quickchart-js';
import { money, num, nyTime, pct } from '../../src/chat/format.js';
import { okReply, type Reply, type ReplyChart } from '../../src/chat/reply.js';
import { cumulative, type PresetSummary, type TrackData, type TrackPickRow } from '../../src/track/index.js';

const QuickChart = ((quickchart as unknown as { default: { default?: unknown } }).default.default ??
  quickchart.default) as unknown as typeof quickchart.default.default;

const ret = (x: number | null) => (x === null ? '—' : pct(x, 1, true));
const nyDay = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });

export function ideaCell(r: TrackPickRow): string {
  if (!r.idea) return 'no idea';
  return r.idea.pnl === null ? 'n/a' : `${pct(r.idea.pnl, 0, true)}${r.idea.markedBy === 'expiry' ? ' (expired)' : ''}`;
}

export function trackRows(rows: readonly TrackPickRow[]): string[][] {
  return rows.map((r) => [nyDay(r.postedAt), r.symbol, r.preset, money(r.entry), ret(r.returns.d1), ret(r.returns.d5), ret(r.returns.d20), ideaCell(r)]);
}

function presetLine(s: PresetSummary): string {
  const h = (k: 'd1' | 'd5' | 'd20', label: string) => {
    const x = s[k];
    if (!x.n) return `${label}: not due yet`;
    return `${label} (${x.n}): hit ${pct(x.hitRate, 0)}, avg ${ret(x.average)}, median ${ret(x.median)} vs benchmark ${ret(x.benchmark)}`;
  };
  const ideas = s.ideas.n ? `option ideas (${s.ideas.n} marked): avg ${ret(s.ideas.average)} on premium` : 'option ideas: no later quotes yet';
  return [h('d1', '1 day'), h('d5', '5 days'), h('d20', '20 days'), ideas].join('\n');
}

function chart(data: TrackData): ReplyChart | undefined {
  const c = cumulative(data.picks, (r) => nyDay(r.postedAt));
  if (!c.days.length) return undefined;
  const title = 'Cumulative 1-day result of each post day’s picks vs benchmark';
  const config = {
    type: 'line' as const,
    data: {
      labels: c.days,
      datasets: [
        { label: 'Picks', borderColor: '#4e79a7', fill: false, data: c.picks.map((x) => Math.round(x * 1000) / 10) },
        { label: 'Benchmark', borderColor: '#f28e2b', fill: false, data: c.benchmark.map((x) => (x === null ? null : Math.round(x * 1000) / 10)) },
      ],
    },
    options: { plugins: { title: { display: true, text: title } }, scales: { y: { title: { display: true, text: '%' } } } },
  };
  return { title, url: new QuickChart().setVersion('4').setWidth(600).setHeight(300).setConfig(config).getUrl(), config };
}

export function trackReply(data: TrackData): Reply<TrackData> {
  const scope = data.preset ? `${data.preset} picks` : 'all picks';
  return okReply('track', {
    title: `Track record — ${scope}, last ${data.days} days: ${data.picks.length} pick${data.picks.length === 1 ? '' : 's'}`,
    text: [
      'Every posted pick counts from its post: entry = its price in the post; a return after N trading days runs to the close N sessions after the post day (— until due).',
      'Option idea P&L: entry at the posted premium, marked at a later two-sided quote’s mid (or intrinsic at expiry); n/a without one.',
      `Benchmark: ${data.benchmark}, from the close before the post.`,
      ...(data.picks.length ? [] : ['Nothing recorded yet: picks are recorded when the morning post or a channel /scan goes out.']),
    ].join('\n'),
    tables: data.picks.length
      ? [
          {
            columns: ['Posted', 'Symbol', 'Preset', 'Entry', '1d', '5d', '20d', 'Idea'],
            align: ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
            rows: trackRows(data.picks),
          },
        ]
      : [],
    fields: data.summary.map((s) => ({ name: `${s.preset}: ${num(s.picks, 0)} picks`, value: presetLine(s) })),
    chart: chart(data),
    footer: `${data.source} · as of ${nyTime(data.asOf)}`,
    data,
  });
}
