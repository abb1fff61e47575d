/**
 * Structured logs to stderr (stdout belongs to the console adapter's replies).
 * Secrets are redacted by key name so a token can never reach a log line.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? 'warn'): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ['token', 'apiKey', '*.token', '*.apiKey', '*.signingSecret', '*.appToken', 'headers.authorization', '*.headers.authorization'],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = pino({ level: 'silent' });
