/**
 * Errors a command may throw on purpose are domain errors: a code and a one-sentence message for the
 * user; the router turns any of them into an error reply, and anything else into INTERNAL.
 */
export { DomainError as CommandError } from '../errors.js';

export type ArgErrorCode = 'UNKNOWN_COMMAND' | 'MISSING_ARGUMENT' | 'INVALID_ARGUMENT' | 'UNEXPECTED_ARGUMENT' | 'BAD_SYNTAX';

export interface ArgError {
  code: ArgErrorCode;
  message: string;
  /** The option the error is about, when there is one. */
  option?: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
