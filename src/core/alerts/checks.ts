/**
 * Ordering of alert checks across replicas. A check observes (quotes, valuations) outside the store
 * transaction and applies what it saw inside one, so two replicas' checks can commit in the reverse
 * order of their observations. An older observation applied after a newer one is wrong in both
 * directions: below the re-arm band it re-arms a rule that just fired on the newer value (the next
 * check then fires the same crossing again), past the level it disarms a rule the newer value had
 * re-armed (the next real crossing is lost). So the stored state carries a stamp of the checks that
 * committed, and a check that another one overtook with newer figures is dropped: the newer figures
 * are already applied, and the next check observes afresh.
 */

/** How many checks committed, and the time (ms, the bot's clock) their latest one observed at. */
export interface CheckStamp {
  n: number;
  at: number;
}

/**
 * True when a check that read the stamp count `seen` before observing at `at` must be dropped:
 * another check committed since (the count moved on) with figures observed after `at`. A store
 * replayed on an earlier clock is not affected: nothing committed while this check ran.
 */
export function overtaken(seen: number, current: CheckStamp | undefined, at: number): boolean {
  return current !== undefined && current.n !== seen && current.at > at;
}

/** The stamp after a check observed at `at` commits. */
export function nextStamp(current: CheckStamp | undefined, at: number): CheckStamp {
  return { n: (current?.n ?? 0) + 1, at };
}
