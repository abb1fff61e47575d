/**
 * The scan's chart: one stacked bar per pick, each segment a component's weighted share of the
 * score, so the picture shows why a pick ranks where it does. quickchart builds the URL offline;
 * the config is kept minimal because the whole config travels in the URL.
 */
import * as quickchart from 'quickchart-js';
import type { ReplyChart } from '../../src/chat/reply.js';
import type { Weights } from '../../src/core/scanner/score.js';
import type { Pick } from '../../src/scanner/pick.js';

// The package's types describe a CommonJS default while Node loads its ESM build: take whichever is the class.
const QuickChart = ((quickchart as unknown as { default: { default?: unknown } }).default.default ??
  quickchart.default) as unknown as typeof quickchart.default.default;

const SERIES: [keyof Pick['components'], string, string][] = [
  ['options', 'Options', '#4e79a7'],
  ['technical', 'Technical', '#59a14f'],
  ['risk', 'Risk', '#f28e2b'],
  ['portfolio', 'Fit', '#b07aa1'],
];

export function scoreChart(picks: readonly Pick[], w: Weights, title: string): ReplyChart | undefined {
  if (!picks.length) return undefined;
  const total = w.technical + w.options + w.risk + w.portfolio || 1;
  const config = {
    type: 'bar' as const,
    data: {
      labels: picks.map((p) => p.symbol),
      datasets: SERIES.map(([key, label, color]) => ({
        label,
        backgroundColor: color,
        data: picks.map((p) => Math.round((p.components[key] * w[key]) / total)),
      })),
    },
    options: { indexAxis: 'y' as const, scales: { x: { stacked: true, max: 100 }, y: { stacked: true } }, plugins: { title: { display: true, text: title } } },
  };
  const chart = new QuickChart()
    .setVersion('4')
    .setWidth(600)
    .setHeight(60 + 28 * picks.length)
    .setConfig(config);
  return { title, url: chart.getUrl(), config };
}
