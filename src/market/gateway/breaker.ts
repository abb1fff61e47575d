/**
 * Circuit breaker per provider: after N failed calls in a row the provider is skipped (the
 * gateway goes straight to fallback) for a cooldown, then one probe call decides.
 */
export type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** May a call go to the provider now? Claims the single probe slot when half-open. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.state = 'half-open';
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    this.state = 'closed';
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }

  /** Seconds until the next probe, for status and error sentences. */
  retryInSeconds(): number {
    return this.state === 'open' ? Math.max(0, Math.ceil((this.cooldownMs - (this.now() - this.openedAt)) / 1000)) : 0;
  }
}
