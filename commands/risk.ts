import * as quickchart from 'quickchart-js';
import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { money, num, pct, stampLine } from '../src/chat/format.js';
import { okReply, type ReplyChart, type ReplyTable } from '../src/chat/reply.js';
import { bookOwner, computeRisk, loadBook, type LimitUse, type RiskReport } from '../src/portfolio/index.js';
import { finite, ownerName, rateData, rateLine, signedMoney } from './views/portfolio.js';
import { riskData } from './schemas/risk.js';

export { riskData as dataSchema };

const R = 'right' as const;
// The package's types describe a CommonJS default while Node loads its ESM build: take whichever is the class.
const QuickChart = ((quickchart as unknown as { default: { default?: unknown } }).default.default ??
  quickchart.default) as unknown as typeof quickchart.default.default;

export default defineCommand({
  name: 'risk',
  description: 'Risk dashboard: dollar Greeks, 1-day VaR/CVaR with full repricing, correlation, concentration, beta, limits',
  category: 'risk',
  examples: ['/risk', '/risk shared=true'],
  args: z.object({ shared: z.boolean().default(false).describe('The server’s shared portfolio instead of yours') }),
  positional: [],
  dataSchema: riskData,
  ephemeral: true,
  async run(ctx, a) {
    const owner = bookOwner(ctx.user, a.shared);
    await ctx.progress('valuing positions');
    const book = await loadBook(ctx.services, ctx.tenant, owner);
    await ctx.progress('repricing under historical and simulated moves');
    const r = await computeRisk(
      ctx.services,
      book.positions.map((x) => x.valued),
      book.equity,
      book.day,
    );
    const stamp = book.positions.find((x) => x.valued.stamp)?.valued.stamp;
    const breached = r.limits.filter((l) => l.usage >= 1);
    const method = `1-day horizon; historical simulation over ${r.history.days} days${r.history.from ? ` (${r.history.from} to ${r.history.to})` : ''} and Monte Carlo with ${r.mcPaths.toLocaleString('en-US')} seeded paths, every option repriced with the American model at its implied vol (not by delta)`;
    return okReply('risk', {
      title: `Risk — ${ownerName(owner).toLowerCase()} · equity ${money(book.equity)}`,
      ephemeral: !a.shared,
      severity: breached.length ? 'warning' : 'info',
      text: [
        book.positions.length ? '' : 'No open positions: every risk figure is zero.',
        breached.length ? `**Over limit:** ${breached.map((l) => l.name).join(', ')}.` : 'All limits respected.',
        rateLine(r.rate, 'Options repriced'),
        ...r.notes,
      ]
        .filter(Boolean)
        .join('\n'),
      fields: [
        {
          name: 'Dollar Greeks (book)',
          value: `Δ ${signedMoney(r.totals.deltaDollars)} · Γ ${signedMoney(r.totals.gammaDollars)} per 1% · vega ${signedMoney(r.totals.vegaDollars)} per vol pt · θ ${signedMoney(r.totals.thetaDollars)}/day`,
        },
        { name: 'Beta to small caps', value: `${num(r.beta.value)} vs ${r.beta.benchmark}` },
        {
          name: 'Volatility regime',
          value: r.regime.regime === 'n/a' ? 'n/a' : `${r.regime.regime}: 20-day ${pct(r.regime.short)} vs 1-year ${pct(r.regime.long)} (${r.regime.of})`,
        },
        { name: 'Largest sector', value: r.sectors[0] ? `${r.sectors[0].key} ${pct(r.sectors[0].share)} of gross exposure` : 'n/a', inline: true },
        {
          name: 'Largest name',
          value: r.names[0] ? `${r.names[0].key} ${pct(r.names[0].ofEquity)} of equity (${pct(r.names[0].share)} of gross)` : 'n/a',
          inline: true,
        },
      ],
      tables: [varTable(r), limitsTable(r.limits), ...greeksTable(r), ...correlationTable(r)],
      ...(book.positions.length ? { chart: limitsChart(r.limits) } : {}),
      footer: [method, stamp ? stampLine(stamp) : ''].filter(Boolean).join(' · '),
      data: {
        owner,
        day: r.day,
        equity: r.equity,
        horizonDays: 1,
        method,
        history: r.history,
        historical: r.historical.map(tail),
        monteCarlo: { paths: r.mcPaths, figures: r.monteCarlo.map(tail) },
        parametric: r.moments.map((m) => ({ level: m.level, var: finite(m.parametric) })),
        cornishFisher: r.moments.map((m) => ({ level: m.level, var: finite(m.cornishFisher) })),
        greeks: r.totals,
        positions: r.positions.map((p) => ({ id: p.id, label: p.label, greeks: p.greeks ?? null, vol: finite(p.vol), volBasis: p.volBasis })),
        correlation: { symbols: r.correlation.symbols, matrix: r.correlation.matrix.map((row) => row.map(finite)) },
        names: r.names,
        sectors: r.sectors,
        beta: { value: finite(r.beta.value), benchmark: r.beta.benchmark },
        regime: { ...r.regime, short: finite(r.regime.short), long: finite(r.regime.long), ratio: finite(r.regime.ratio) },
        limits: r.limits.map((l) => ({ ...l, value: finite(l.value), usage: finite(l.usage) })),
        notes: r.notes,
        ...rateData(r.rate),
      },
    });
  },
});

const tail = (f: { level: number; var: number; cvar: number }) => ({ level: f.level, var: finite(f.var), cvar: finite(f.cvar) });

function varTable(r: RiskReport): ReplyTable {
  const at = (list: { level: number; var: number; cvar: number }[], level: number) => list.find((f) => f.level === level);
  const row = (name: string, list: { level: number; var: number; cvar: number }[]) => {
    const a = at(list, 0.95);
    const b = at(list, 0.99);
    return [name, money(a?.var), money(a?.cvar), money(b?.var), money(b?.cvar), pct((b?.var ?? NaN) / r.equity, 2)];
  };
  const m95 = r.moments.find((m) => m.level === 0.95);
  const m99 = r.moments.find((m) => m.level === 0.99);
  return {
    title: 'Value at Risk, 1 day (loss in $)',
    columns: ['Method', 'VaR 95%', 'CVaR 95%', 'VaR 99%', 'CVaR 99%', 'VaR 99% / equity'],
    align: ['left', R, R, R, R, R],
    rows: [
      row('Historical, full repricing', r.historical),
      row('Monte Carlo, full repricing', r.monteCarlo),
      ['Parametric (normal) on hist. P&L', money(m95?.parametric), 'n/a', money(m99?.parametric), 'n/a', pct((m99?.parametric ?? NaN) / r.equity, 2)],
      ['Cornish-Fisher on hist. P&L', money(m95?.cornishFisher), 'n/a', money(m99?.cornishFisher), 'n/a', pct((m99?.cornishFisher ?? NaN) / r.equity, 2)],
    ],
  };
}

const isCount = (l: LimitUse) => l.name === 'Open positions';

function limitsTable(limits: LimitUse[]): ReplyTable {
  return {
    title: 'Limits (from config)',
    columns: ['Measure', 'Now', 'Limit', 'Used', 'Status'],
    align: ['left', R, R, R, 'left'],
    rows: limits.map((l) => [
      l.name,
      isCount(l) ? num(l.value, 0) : pct(l.value, 2),
      isCount(l) ? num(l.limit, 0) : pct(l.limit, 1),
      pct(l.usage, 0),
      l.usage >= 1 ? 'OVER' : l.usage >= 0.8 ? 'near' : '',
    ]),
  };
}

function greeksTable(r: RiskReport): ReplyTable[] {
  if (!r.positions.length) return [];
  return [
    {
      title: 'Dollar Greeks by position',
      columns: ['Id', 'Position', 'Delta $', 'Gamma $/1%', 'Vega $/pt', 'Theta $/day', 'Vol'],
      align: ['left', 'left', R, R, R, R, R],
      rows: r.positions.map((p) => [
        p.id,
        p.label,
        signedMoney(p.greeks?.deltaDollars ?? NaN),
        signedMoney(p.greeks?.gammaDollars ?? NaN),
        signedMoney(p.greeks?.vegaDollars ?? NaN),
        signedMoney(p.greeks?.thetaDollars ?? NaN),
        p.volBasis === 'n/a' ? '' : `${pct(p.vol)} ${p.volBasis === 'implied' ? 'IV' : 'realised'}`,
      ]),
    },
  ];
}

function correlationTable(r: RiskReport): ReplyTable[] {
  const s = r.correlation.symbols;
  if (s.length < 2 || s.length > 10) return [];
  return [
    {
      title: `Correlation of daily returns (${r.history.days} days)`,
      columns: ['', ...s],
      align: ['left', ...s.map(() => R)],
      rows: s.map((sym, i) => [sym, ...(r.correlation.matrix[i] ?? []).map((x) => num(x))]),
    },
  ];
}

function limitsChart(limits: LimitUse[]): ReplyChart {
  const config = {
    type: 'bar' as const,
    data: {
      labels: limits.map((l) => l.name),
      datasets: [{ label: '% of limit used', data: limits.map((l) => (Number.isFinite(l.usage) ? Math.round(l.usage * 100) : 0)) }],
    },
    options: { indexAxis: 'y' as const, plugins: { title: { display: true, text: 'Limit usage (%)' } }, scales: { x: { min: 0, suggestedMax: 100 } } },
  };
  const chart = new QuickChart().setConfig(config).setVersion('4').setWidth(600).setHeight(260);
  return { title: 'Limit usage', url: chart.getUrl(), config };
}
