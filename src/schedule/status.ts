/** What `/schedule` shows: each job's rule, its next and last run, in New York and the tenant's zone. */
import { DateTime } from 'luxon';
import type { AppConfig } from '../config/index.js';
import { processOwner } from '../store/lease.js';
import type { Services } from '../services.js';
import { NY } from '../market/calendar.js';
import { createRunLedger } from '../store/runs.js';
import { JOB_TITLES, JOBS, nextSlot, type JobName } from './slots.js';

export interface JobStatus {
  job: JobName;
  title: string;
  rule: string;
  /** ISO instant, or undefined when nothing is planned in the next ten trading days. */
  next?: string;
  last?: { slot: string; at: string | null; note: string | null };
}

export function jobRule(job: JobName, cfg: AppConfig['schedule']): string {
  const offset = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    const d = h * 60 + m - 16 * 60;
    return `close ${d < 0 ? '−' : '+'} ${Math.abs(d)} min`;
  };
  switch (job) {
    case 'morning':
      return `${cfg.morningPost} ET on trading days; caught up until ${cfg.morningPostGraceUntil} after a restart`;
    case 'intraday':
      return `every ${cfg.intradayEveryMinutes} min while the market is open`;
    case 'risk':
      return 'hourly from 10:30 ET while open, and one minute before the close';
    case 'iv':
      return `${cfg.ivSnapshot} ET (${offset(cfg.ivSnapshot)}; moves with early closes)`;
    case 'chains':
      return `${cfg.closingChains} ET (${offset(cfg.closingChains)}; moves with early closes)`;
    case 'eod':
      return `${cfg.endOfDay} ET (${offset(cfg.endOfDay)}; moves with early closes)`;
  }
}

export async function scheduleStatus(services: Services, tenant: string): Promise<JobStatus[]> {
  const { config, clock, store } = services;
  const cal = services.calendar;
  const ledger = createRunLedger(store.sql, processOwner());
  const now = clock.now();
  const out: JobStatus[] = [];
  for (const job of JOBS) {
    const last = await ledger.last(job, tenant);
    out.push({
      job,
      title: JOB_TITLES[job],
      rule: jobRule(job, config.schedule),
      next: nextSlot(cal, config.schedule, job, now)?.at.toISOString(),
      last: last && { slot: last.slot, at: last.doneAt, note: last.note },
    });
  }
  return out;
}

/** "Tue 12-01 09:45 ET" and, when the tenant has another zone, " · 15:45 Europe/Paris". */
export function whenText(iso: string | null | undefined, zone?: string): string {
  if (!iso) return '—';
  const d = DateTime.fromISO(iso);
  const ny = `${d.setZone(NY).toFormat('ccc LL-dd HH:mm')} ET`;
  return zone && zone !== NY ? `${ny} · ${d.setZone(zone).toFormat('HH:mm')} ${zone}` : ny;
}
