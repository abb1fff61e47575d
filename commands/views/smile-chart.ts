/**
 * The IV smile of one expiry as a quickchart URL (built offline): our solved IV by strike, calls and
 * puts as two lines (the title with spot goes on the reply's chart title). At most 16 strikes, IVs
 * rounded to 0.1 point, so the URL stays around 1,000 characters.
 */
import * as quickchart from 'quickchart-js';
import type { ReplyChart } from '../../src/chat/reply.js';
import type { OptionType } from '../../src/core/options/index.js';

// The package's types describe a CommonJS default while Node loads its ESM build: take whichever is the class.
const QuickChart = ((quickchart as unknown as { default: { default?: unknown } }).default.default ??
  quickchart.default) as unknown as typeof quickchart.default.default;

const MAX_STRIKES = 16;

export interface SmileSeries {
  type: OptionType;
  strike: number;
  iv: number;
}

export function smileChart(points: readonly SmileSeries[], title: string): ReplyChart | undefined {
  const usable = points.filter((p) => Number.isFinite(p.iv) && p.iv > 0);
  if (usable.length < 2) return undefined;
  let strikes = [...new Set(usable.map((p) => p.strike))].sort((a, b) => a - b);
  if (strikes.length > MAX_STRIKES) {
    const step = (strikes.length - 1) / (MAX_STRIKES - 1);
    strikes = Array.from({ length: MAX_STRIKES }, (_, i) => strikes[Math.round(i * step)] as number);
  }
  const series = (type: OptionType) =>
    strikes.map((k) => {
      const p = usable.find((x) => x.type === type && x.strike === k);
      return p ? +(p.iv * 100).toFixed(1) : null;
    });
  // Shared strike labels and bare numbers keep the URL (which carries the whole config) short.
  const config = {
    type: 'line',
    data: {
      labels: strikes.map((k) => +k.toFixed(2)),
      datasets: [
        { label: 'Calls IV %', data: series('call'), spanGaps: true },
        { label: 'Puts IV %', data: series('put'), spanGaps: true },
      ],
    },
  };
  const chart = new QuickChart().setVersion('4').setWidth(600).setHeight(300).setConfig(JSON.stringify(config));
  return { title, url: chart.getUrl(), config };
}
