/**
 * Prometheus metrics (prom-client): commands and their latency, counted where they pass the router;
 * providers' requests, errors, health and budget, and the outbox depth, read at scrape time from the
 * parts that already keep them, so nothing else has to know metrics exist.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Router } from '../chat/router.js';
import type { MarketGateway } from '../market/index.js';

export interface Metrics {
  readonly registry: Registry;
  /** A router that counts and times every command it handles. */
  instrument(router: Router): Router;
  /** Adds the outbox gauge once a scheduler (and so an outbox) runs. */
  addOutbox(ready: () => Promise<number>): void;
}

export interface MetricSources {
  market: Pick<MarketGateway, 'status'>;
}

export function createMetrics(sources: MetricSources): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tracker_' });
  const commands = new Counter({
    name: 'tracker_commands_total',
    help: 'Commands handled, by command and outcome (ok or the error code)',
    labelNames: ['command', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'tracker_command_duration_seconds',
    help: 'Time from a command reaching the router to its reply',
    labelNames: ['command'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
    registers: [registry],
  });
  const providerGauge = (name: string, help: string, read: (s: ReturnType<MarketGateway['status']>[number]) => number | undefined) =>
    new Gauge({
      name,
      help,
      labelNames: ['provider'],
      registers: [registry],
      collect() {
        this.reset();
        for (const s of sources.market.status()) {
          const v = read(s);
          if (v !== undefined && Number.isFinite(v)) this.set({ provider: s.id }, v);
        }
      },
    });
  providerGauge('tracker_provider_requests', 'Requests sent to a provider since start', (s) => s.requests);
  providerGauge('tracker_provider_errors', 'Whether the provider’s last request failed (1) or not (0)', (s) => (s.lastError && !s.healthy ? 1 : 0));
  providerGauge('tracker_provider_healthy', 'Provider health: 1 healthy, 0 failing or circuit open', (s) => (s.healthy ? 1 : 0));
  providerGauge('tracker_provider_budget_left', 'Requests left in the provider’s rate-limit window', (s) => s.budgetLeft);
  providerGauge('tracker_provider_cache_hit_rate', 'Share of reads served from the cache', (s) => s.cacheHitRate);
  return {
    registry,
    addOutbox(ready) {
      new Gauge({
        name: 'tracker_outbox_ready',
        help: 'Posts and alerts due and waiting to be delivered',
        registers: [registry],
        async collect() {
          this.set(await ready());
        },
      });
    },
    instrument(router) {
      return {
        ...router,
        async handle(invocation, ctx) {
          const stop = latency.startTimer();
          const reply = await router.handle(invocation, ctx);
          stop({ command: reply.command });
          commands.inc({ command: reply.command, outcome: reply.ok ? 'ok' : (reply.error?.code ?? 'error') });
          return reply;
        },
      };
    },
  };
}
