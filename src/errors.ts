/**
 * The error a service throws on purpose: a stable code (the `--json` `error.code`) and one sentence
 * for the user. Services throw it; the router turns it into an error reply, anything else into INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}
