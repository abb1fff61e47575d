/**
 * The scan as a platform-neutral reply: a ranked table, one field per pick with its reasons and
 * option idea, a score chart, the source footer and the structured `data` (`universe`, `picks[]`
 * with `symbol, score, reasons`, and more). /scan and the morning post both render through this.
 */
import { compact, money, num, pct, stampLine } from '../../src/chat/format.js';
import { okReply } from '../../src/chat/reply.js';
import type { AppConfig } from '../../src/config/index.js';
import type { Range } from '../../src/core/scanner/filters.js';
import { reasonText, type Reason } from '../../src/core/scanner/reasons.js';
import { scoreChart } from './scan-chart.js';
import type { ScanResult } from '../../src/scanner/pipeline.js';
import { directionOf } from '../../src/scanner/todays-pick.js';

const FIELD_MAX = 1000;
/** Pick buttons: one row of a chat message holds five. */
const PICK_BUTTONS = 5;
const STAGE_LABEL: Record<ScanResult['funnel'][number]['stage'], string> = {
  listing: 'listed in band',
  quotes: 'pass quote filters',
  fundamentals: 'pass fundamentals',
  technicals: 'pass technicals',
  options: 'with an option idea',
};

/** "small caps", "micro–small caps", "all caps", or the dollar range. */
export function bandLabel(cap: Range, bands: AppConfig['trading']['marketCapBands']): string {
  if (cap[0] <= 0 && cap[1] === Infinity) return 'all caps';
  const names = Object.keys(bands) as (keyof typeof bands)[];
  const lo = names.find((n) => bands[n][0] === cap[0]);
  const hi = names.find((n) => bands[n][1] === cap[1]);
  if (lo && hi) return lo === hi ? `${lo} caps` : `${lo}–${hi} caps`;
  return `caps ${compact(cap[0])}–${compact(cap[1])}`;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

const REASONS_SHOWN = 8;

/** The option idea, the next earnings date, signals, then the filters the pick merely passed; at most REASONS_SHOWN lines in the text. */
function shownReasons(checks: readonly Reason[]): string[] {
  const idea = checks.filter((r) => r.check === 'option');
  const earnings = checks.filter((r) => r.check === 'nextEarnings');
  const rest = checks.filter((r) => r.check !== 'option' && r.check !== 'nextEarnings');
  const ordered = [...idea, ...earnings, ...rest.filter((r) => r.wanted === null), ...rest.filter((r) => r.wanted !== null)];
  const head = ordered.map(reasonText);
  if (head.length <= REASONS_SHOWN) return head;
  return [...head.slice(0, REASONS_SHOWN), `+${head.length - REASONS_SHOWN} more checks passed`];
}

function clip(lines: string[], max: number): string {
  let out = '';
  for (const l of lines) {
    const next = out ? `${out}\n${l}` : l;
    if (next.length > max) return out ? `${out}\n…` : `${l.slice(0, max - 1)}…`;
    out = next;
  }
  return out;
}

/** `heading` starts the title: the morning post says whose picks they are. */
export function scanReply(result: ScanResult, config: AppConfig, heading = 'Scan — ') {
  const { picks } = result;
  const band = bandLabel(result.filters.marketCap, config.trading.marketCapBands);
  const funnel = [`${fmt(result.universe)} symbols`, ...result.funnel.map((s) => `${fmt(s.out)} ${STAGE_LABEL[s.stage]}`)].join(' → ');
  const text = [
    `**${result.preset}**: ${result.summary}`,
    `Funnel: ${funnel}.`,
    ...result.notes,
    ...(picks.length ? [] : ['No symbol passed every filter; loosen one (e.g. a wider price band or a lower relVolume).']),
  ].join('\n');
  const title = picks.length
    ? `${heading}${result.preset} · ${band}: top ${picks.length} of ${fmt(result.universe)} symbols`
    : `${heading}${result.preset} · ${band}: no picks among ${fmt(result.universe)} symbols`;
  return okReply('scan', {
    title,
    text,
    tables: picks.length
      ? [
          {
            columns: ['#', 'Symbol', 'Price', 'Chg', 'Score', 'Option idea', 'PoP'],
            align: ['right', 'left', 'right', 'right', 'right', 'left', 'right'],
            rows: picks.map((p, i) => [
              String(i + 1),
              p.symbol,
              money(p.price),
              p.changePercent === null ? 'n/a' : pct(p.changePercent / 100, 1, true),
              num(p.score, 1),
              p.option ? `${p.option.expiry} ${p.option.strike}C @ ${money(p.option.premium)}` : (p.optionNote ?? 'n/a'),
              p.option ? pct(p.option.probabilityOfProfit, 0) : 'n/a',
            ]),
          },
        ]
      : [],
    fields: picks.map((p, i) => ({
      name: `${i + 1}. ${p.symbol} — ${num(p.score, 1)}${p.name ? ` · ${p.name}` : ''}${p.sector ? ` (${p.sector})` : ''}`.slice(0, 250),
      // The option idea leads so clipping a long list of reasons never hides it; data keeps them all.
      value: clip(shownReasons(p.checks), FIELD_MAX),
    })),
    chart: scoreChart(picks, config.scanner.weights, `Top ${picks.length} by score (${result.preset})`),
    // Each pick opens /greeks at its idea's expiry, ranked in the pick's direction.
    actions: picks.slice(0, PICK_BUTTONS).map((p) => ({
      kind: 'pick' as const,
      label: `${p.symbol} options`,
      command: 'greeks',
      options: { ticker: p.symbol, ...(p.option ? { expiry: p.option.expiry } : {}), pick: directionOf(p.option?.type) },
    })),
    footer: result.stamp
      ? stampLine(result.stamp, [
          `options: American model${result.rate ? `, rate ${pct(result.rate.rate, 2)} (${result.rate.source})` : ''}, premium = ask, PoP = N(d2) at breakeven`,
        ])
      : undefined,
    data: {
      universe: result.universe,
      preset: result.preset,
      band,
      filters: result.filters,
      funnel: result.funnel,
      afterListingFilters: result.afterListingFilters,
      deepDived: result.deepDived,
      requests: result.requests,
      notes: result.notes,
      asOf: result.stamp?.asOf,
      source: result.stamp?.source,
      rate: result.rate?.rate ?? null,
      rateSource: result.rate?.source ?? null,
      picks,
    },
  });
}
