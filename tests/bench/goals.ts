/**
 * The figures `npm run bench` is judged by, each printed with its goal, the baseline measured in the
 * same run and the ratio between them. A figure that misses its goal is reported, never fatal; only
 * a wrong number (an accuracy check that fails) makes the run exit non-zero.
 */

export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The goal as text, e.g. "≤ 1 s" or "≥ 1.0× peer". */
  goal: string;
  met: boolean;
  baseline?: { label: string; value: number };
  /** value / baseline (or the ratio the goal is stated in). */
  ratio?: number;
}

const figures: Figure[] = [];
const wrong: string[] = [];

export function figure(f: Figure): void {
  figures.push(f);
  const base = f.baseline ? ` · baseline ${f.baseline.label} ${fmt(f.baseline.value)} ${f.unit}` : '';
  const ratio = f.ratio !== undefined ? ` · ratio ${f.ratio.toFixed(2)}×` : '';
  console.log(`  ${f.met ? 'MET ' : 'MISS'}  ${f.name}: ${fmt(f.value)} ${f.unit} (goal ${f.goal})${base}${ratio}`);
}

/** An accuracy check: records a wrong number (the run then exits 1) when `ok` is false. */
export function check(ok: boolean, what: string): void {
  if (!ok) {
    wrong.push(what);
    console.error(`  WRONG ${what}`);
  }
}

export function summary(): void {
  if (!figures.length && !wrong.length) return;
  console.log('\n=== goals ===');
  const w = Math.max(...figures.map((f) => f.name.length), 10);
  for (const f of figures) {
    const base = f.baseline ? `${f.baseline.label} ${fmt(f.baseline.value)}` : '—';
    console.log(
      `${f.met ? 'MET ' : 'MISS'}  ${f.name.padEnd(w)}  ${`${fmt(f.value)} ${f.unit}`.padEnd(16)}  goal ${f.goal.padEnd(22)}  baseline ${base.padEnd(34)}  ${f.ratio !== undefined ? `${f.ratio.toFixed(2)}×` : ''}`,
    );
  }
  const missed = figures.filter((f) => !f.met).length;
  console.log(
    `${figures.length - missed}/${figures.length} goals met${missed ? ` (a missed goal is reported, not fatal)` : ''}; ${wrong.length ? `${wrong.length} WRONG number(s): ${wrong.join('; ')}` : 'no wrong numbers'}.`,
  );
  if (wrong.length) process.exitCode = 1;
}

function fmt(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (a >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  if (a >= 100) return n.toFixed(0);
  if (a >= 1) return n.toFixed(2);
  return n.toPrecision(2);
}
