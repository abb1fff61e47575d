/**
 * What the scheduler needs from the portfolio and alert modules, as ports: the scheduler calls
 * them at the right moments and delivers what they return exactly once; the rules themselves
 * (edge-triggered crossings, hysteresis, fired state) live behind the port.
 */

/** The reply severities: `error` for stops and limit breaches, `success` for targets reached. */
export type AlertSeverity = 'info' | 'success' | 'warning' | 'error';

export interface AlertMessage {
  /** Idempotency key, unique per (tenant, position, rule, trading day) or finer. */
  key: string;
  tenant: string;
  user?: string;
  severity: AlertSeverity;
  text: string;
  title?: string;
  data?: unknown;
}

/**
 * Persists alerts (into the outbox) before the source saves the rule state that fired them, so a
 * crash between the two re-fires the alert (deduplicated by key) instead of losing it.
 */
export type AlertSink = (alerts: AlertMessage[]) => Promise<void>;

export interface AlertSource {
  /** Stop loss, profit target, expiry, theta and IV rules; called every intraday slot while the market is open. */
  intraday(tenant: string, now: Date, sink?: AlertSink): Promise<AlertMessage[]>;
  /** VaR and concentration limits; called hourly and just before the close. */
  risk?(tenant: string, now: Date, sink?: AlertSink): Promise<AlertMessage[]>;
  /** Tenants that hold portfolios, so checks run for them even without settings. */
  tenants?(): Promise<string[]>;
  /** Underlyings held, for the IV snapshot. */
  symbols?(): Promise<string[]>;
}

export interface DaySummaryLine {
  name: string;
  value: string;
}

export interface SummarySource {
  /** The tenant's portfolio part of the end-of-day summary: day P&L, open risk. Empty when there is none. */
  daySummary(tenant: string, date: string, now: Date): Promise<DaySummaryLine[]>;
}

/** Symbols to snapshot IV for besides the recent picks (watchlists). */
export interface WatchSource {
  symbols(): Promise<string[]>;
}
