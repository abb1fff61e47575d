export type RiskErrorCode =
  /** A confidence level outside the open interval (0, 1). */
  | 'INVALID_LEVEL'
  /** Series that must be aligned (asset vs benchmark, matrix columns) differ in length. */
  | 'LENGTH_MISMATCH'
  /** A covariance matrix that is not square, not symmetric or not positive semi-definite. */
  | 'INVALID_COVARIANCE'
  /** A count or size argument that is not a positive integer. */
  | 'INVALID_ARGUMENT';

/**
 * A caller error in the risk core: thrown where returning NaN would hide a programming mistake
 * (a level of 95 instead of 0.95, misaligned series). Data too short to estimate anything gives
 * NaN instead, so a report can show "n/a" without a try/catch.
 */
export class RiskInputError extends Error {
  constructor(
    readonly code: RiskErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RiskInputError';
  }
}

export function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) {
    throw new RiskInputError('INVALID_LEVEL', `confidence level must be in (0, 1), got ${level}`);
  }
}
