/**
 * Composition root. Reads the config once, builds the services and starts the adapters that
 * have credentials; with none, the console adapter. `--demo` uses the simulated market,
 * `--json` prints one JSON line per reply.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { createServices } from './app.js';
import { createConsoleAdapter } from './chat/console/index.js';
import { createRouter } from './chat/router.js';
import { ConfigError, loadConfig } from './config/index.js';
import { MarketDataError } from './market/types.js';
import { consoleSchedules, pauseHookFromEnv, startScheduler } from './scheduler/index.js';
import { StoreError } from './store/index.js';

async function main(): Promise<number> {
  // A .env in the working directory is read like the shell environment (which wins).
  if (existsSync('.env')) process.loadEnvFile('.env');
  const { values } = parseArgs({
    options: {
      demo: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      schedule: { type: 'boolean', default: false },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    allowPositionals: false,
  });
  if (values.help) {
    process.stdout.write('Usage: npm start -- [--demo] [--json] [--schedule] [--config FILE]\nType /help once it runs. See README.md for chat platforms and settings.\n');
    return 0;
  }
  const config = loadConfig({ file: values.config, overrides: values.demo ? { data: { source: 'sim' } } : undefined });
  const services = await createServices({ config });
  const router = createRouter(commands);
  const adapter = createConsoleAdapter({ router, services, input: process.stdin, output: process.stdout, json: values.json });
  await adapter.start();
  // Scheduled posts and alerts go to the adapters that run (console: console:main).
  const interactive = Boolean(process.stdin.isTTY);
  const scheduler = consoleSchedules({ interactive, flag: values.schedule, clock: services.clock })
    ? await startScheduler(services, [adapter], { demo: values.demo, pause: pauseHookFromEnv(process.env) })
    : undefined;
  await adapter.finished;
  await scheduler?.stop();
  await services.market.close();
  await services.store.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof MarketDataError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${err.message}. Usage: npm start -- [--demo] [--json] [--config FILE]\n`);
      process.exit(2);
    }
    process.stderr.write(`The bot stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  },
);
