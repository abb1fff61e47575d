/**
 * Quote batching: symbols asked for within `windowMs` of each other, by any number of callers,
 * go out as one request per `maxSymbols`. A symbol already on its way is not asked for twice.
 */
import type { MarketDataError, Quote } from '../types.js';

/** A quote, `undefined` for a symbol no provider knows, or the error that stopped it. */
export type QuoteOutcome = Quote | undefined | MarketDataError;
export type ChunkFetcher = (symbols: string[]) => Promise<Map<string, QuoteOutcome>>;

interface Deferred {
  promise: Promise<QuoteOutcome>;
  resolve: (q: QuoteOutcome) => void;
}

function deferred(): Deferred {
  let resolve!: (q: QuoteOutcome) => void;
  const promise = new Promise<QuoteOutcome>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export class QuoteBatcher {
  private pending = new Map<string, Deferred>();
  private readonly inflight = new Map<string, Promise<QuoteOutcome>>();
  private timer: NodeJS.Timeout | undefined;
  /** Requests handed to the fetcher, for the benchmark and status. */
  chunksSent = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxSymbols: number,
    private readonly fetchChunk: ChunkFetcher,
  ) {}

  async load(symbols: string[]): Promise<Map<string, QuoteOutcome>> {
    const waits = symbols.map((s) => {
      let p = this.inflight.get(s);
      if (!p) {
        const d = deferred();
        this.pending.set(s, d);
        p = d.promise.finally(() => this.inflight.delete(s));
        this.inflight.set(s, p);
      }
      return p.then((q) => [s, q] as const);
    });
    if (this.pending.size >= this.maxSymbols) this.flush();
    else if (!this.timer && this.pending.size > 0) this.timer = setTimeout(() => this.flush(), this.windowMs);
    return new Map(await Promise.all(waits));
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const symbols = [...batch.keys()];
    for (let i = 0; i < symbols.length; i += this.maxSymbols) {
      const chunk = symbols.slice(i, i + this.maxSymbols);
      this.chunksSent += 1;
      this.fetchChunk(chunk).then(
        (found) => {
          for (const s of chunk) batch.get(s)?.resolve(found.get(s));
        },
        // The fetcher reports failures per symbol; this only guards against a bug in it.
        (err: MarketDataError) => {
          for (const s of chunk) batch.get(s)?.resolve(err);
        },
      );
    }
  }
}
