/**
 * Renders a chart.js config to a PNG locally (chart.js 4 on @napi-rs/canvas), for charts whose
 * quickchart URL is too long for a platform to embed. Both load on first use: most replies have
 * no chart, and the native canvas costs a few hundred milliseconds to load.
 */
import type { ReplyChart } from '../reply.js';

type Canvas = { toBuffer(mime: 'image/png'): Buffer };
type Engine = {
  createCanvas(width: number, height: number): Canvas;
  Chart: new (canvas: unknown, config: unknown) => { destroy(): void };
};

let engine: Promise<Engine> | undefined;

function load(): Promise<Engine> {
  engine ??= Promise.all([import('@napi-rs/canvas'), import('chart.js')]).then(([canvas, chartjs]) => {
    chartjs.Chart.register(...chartjs.registerables);
    return { createCanvas: canvas.createCanvas as Engine['createCanvas'], Chart: chartjs.Chart as unknown as Engine['Chart'] };
  });
  // Lets the next chart retry loading the engine; the awaiting caller sees this failure.
  engine.catch(() => (engine = undefined));
  return engine;
}

/** Fills the background white before drawing, as quickchart does (`bkg=#ffffff`): dark clients hide black text on transparency. */
const whiteBackground = {
  id: 'trackerWhiteBackground',
  beforeDraw(chart: {
    ctx: { save(): void; restore(): void; fillStyle: string; fillRect(x: number, y: number, w: number, h: number): void };
    width: number;
    height: number;
  }) {
    chart.ctx.save();
    chart.ctx.fillStyle = '#ffffff';
    chart.ctx.fillRect(0, 0, chart.width, chart.height);
    chart.ctx.restore();
  },
};

const clampSize = (n: number, fallback: number): number => (Number.isFinite(n) && n > 0 ? Math.min(2000, Math.max(50, Math.round(n))) : fallback);

/**
 * A PNG of `config` (a chart.js 4 configuration object) at `width` × `height` pixels.
 * Animation and responsiveness are turned off: there is one frame and no window to follow.
 */
export async function renderChartPng(config: unknown, width: number, height: number): Promise<Buffer> {
  if (!config || typeof config !== 'object') throw new TypeError('chart config must be a chart.js configuration object');
  const { createCanvas, Chart } = await load();
  const w = clampSize(width, 600);
  const h = clampSize(height, 300);
  const canvas = createCanvas(w, h);
  const cfg = config as { options?: Record<string, unknown>; plugins?: unknown[] };
  const chart = new Chart(canvas, {
    ...cfg,
    options: { ...cfg.options, animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1 },
    plugins: [...(cfg.plugins ?? []), whiteBackground],
  });
  try {
    return canvas.toBuffer('image/png');
  } finally {
    chart.destroy();
  }
}

/** The size a quickchart URL asks for (`w`, `h`), else 600 × 300. */
export function chartSize(chart: Pick<ReplyChart, 'url'>): { width: number; height: number } {
  let params: URLSearchParams | undefined;
  try {
    params = chart.url ? new URL(chart.url).searchParams : undefined;
  } catch {
    params = undefined;
  }
  return { width: clampSize(Number(params?.get('w')), 600), height: clampSize(Number(params?.get('h')), 300) };
}

/** The reply's chart as a PNG, or undefined when it has no config or rendering fails (the caller keeps its text note). */
export async function chartPng(chart: ReplyChart | undefined, onError?: (err: unknown) => void): Promise<Buffer | undefined> {
  if (!chart?.config) return undefined;
  const { width, height } = chartSize(chart);
  try {
    return await renderChartPng(chart.config, width, height);
  } catch (err) {
    onError?.(err);
    return undefined;
  }
}
