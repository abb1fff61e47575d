/**
 * Composition root. Reads the config once, builds the services and starts the chat adapters that
 * have credentials (Discord, Slack, or both) with the scheduler; with none, the console adapter. `--demo` uses the simulated market,
 * `--json` prints one JSON line per reply.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.js';
import { createServices } from './app.js';
import type { ChatAdapter } from './chat/adapter.js';
import { createConsoleAdapter } from './chat/console/index.js';
import { createRouter, type Router } from './chat/router.js';
import { ConfigError, loadConfig, redact } from './config/index.js';
import { createLogger } from './logger.js';
import { MarketDataError } from './market/types.js';
import type { Metrics } from './ops/metrics.js';
import { startOpsServer } from './ops/server.js';
import { scheduleWarmUp } from './options/warmup.js';
import { CONSOLE_TENANT, consoleSchedules, pauseHookFromEnv, seedConsoleDemo, startScheduler } from './scheduler/index.js';
import type { Services } from './services.js';
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
    process.stdout.write(
      'Usage: npm start -- [--demo] [--json] [--schedule] [--config FILE]\nType /help once it runs. See README.md for chat platforms and settings.\n',
    );
    return 0;
  }
  // --demo keeps its state (and the demo portfolio it seeds) apart from the real portfolio's store.
  const demoStore = values.demo && !process.env.STORE_URL ? { store: { url: 'sqlite://data/demo.sqlite' } } : {};
  const config = loadConfig({ file: values.config, overrides: values.demo ? { data: { source: 'sim' }, ...demoStore } : undefined });
  // The console shows each failure as a sentence already; log lines on stderr are for chat servers.
  const chatMode = Boolean(config.chat.discord.token || config.chat.slack.botToken || config.chat.slack.clientId);
  const services = await createServices({ config, logger: createLogger(process.env.LOG_LEVEL ?? (chatMode ? 'warn' : 'error')) });
  // prom-client (~20 MB) loads only when the operations endpoint that serves its figures is on.
  const metrics: Metrics | undefined =
    config.ops.port === undefined ? undefined : (await import('./ops/metrics.js')).createMetrics({ market: services.market });
  const router = metrics ? metrics.instrument(createRouter(commands)) : createRouter(commands);
  const chat = await startChatAdapters(services, router);
  if (chat.length) {
    // Chat mode: serve Discord/Slack until stopped; scheduled posts and alerts go to them.
    const scheduler = await startScheduler(services, chat, { demo: values.demo, pause: pauseHookFromEnv(process.env) });
    const { ops } = services.config;
    const opsServer =
      ops.port === undefined || !metrics
        ? undefined
        : await startOpsServer(
            ops.port,
            ops.host,
            { store: services.store, adapters: chat, lastTickAt: () => scheduler.driver.lastTickAt() },
            metrics,
            services.logger,
          );
    metrics?.addOutbox(async () => (await scheduler.scheduler.outbox.ready(10_000)).length);
    void scheduleWarmUp(services);
    process.stderr.write(`Small-Cap Market Tracker is online on ${chat.map((a) => a.platform).join(' and ')} (${services.market.mode}). Ctrl+C stops it.\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    opsServer?.close();
    await scheduler.stop();
    await Promise.all(chat.map((a) => a.stop().catch(() => undefined)));
  } else {
    // The demo portfolio is there from the first command, scheduler or not.
    if (values.demo) await seedConsoleDemo(services, CONSOLE_TENANT, 'console:user');
    const adapter = createConsoleAdapter({ router, services, input: process.stdin, output: process.stdout, json: values.json });
    await adapter.start();
    // Once up and idle, compile the option analysis so the first /greeks does not pay for it.
    void scheduleWarmUp(services);
    // Scheduled posts and alerts go to the adapters that run (console: console:main).
    const interactive = Boolean(process.stdin.isTTY);
    const scheduler = consoleSchedules({ interactive, flag: values.schedule, clock: services.clock })
      ? await startScheduler(services, [adapter], { demo: values.demo, pause: pauseHookFromEnv(process.env) })
      : undefined;
    await adapter.finished;
    await scheduler?.stop();
  }
  await services.market.close();
  await services.store.close();
  return 0;
}

/**
 * Starts the chat platforms that have credentials; none means the console. Each platform's SDK
 * (discord.js, Bolt: ~0.5 s of CPU each) is imported only when its adapter starts.
 */
async function startChatAdapters(services: Services, router: Router): Promise<ChatAdapter[]> {
  const { discord, slack } = services.config.chat;
  const started: ChatAdapter[] = [];
  try {
    if (discord.token)
      started.push(
        await withStartError(
          'Discord',
          import('./chat/discord/index.js').then((m) => m.startDiscord(services, router)),
        ),
      );
    if (slack.botToken || slack.clientId) {
      if (!slack.appToken && !slack.signingSecret) {
        throw new ConfigError('Config error: SLACK_SIGNING_SECRET is needed to verify Slack requests in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode).');
      }
      started.push(
        await withStartError(
          'Slack',
          import('./chat/slack/index.js').then((m) => m.startSlack(services, router)),
        ),
      );
    }
  } catch (err) {
    await Promise.all(started.map((a) => a.stop().catch(() => undefined)));
    throw err;
  }
  return started;
}

async function withStartError<T>(platform: string, start: Promise<T>): Promise<T> {
  try {
    return await start;
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const reason = err instanceof Error ? err.message.replace(/\s+/g, ' ').slice(0, 200) : String(err);
    throw new ConfigError(`${platform} could not start: ${reason.replace(/\.$/, '')}. Check the ${platform.toUpperCase()}_ settings in .env or your shell.`);
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof StoreError || err instanceof MarketDataError) {
      process.stderr.write(`${redact(err.message)}\n`);
      process.exit(2);
    }
    if (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${redact(err.message)}. Usage: npm start -- [--demo] [--json] [--schedule] [--config FILE]\n`);
      process.exit(2);
    }
    process.stderr.write(`The bot stopped: ${redact(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
    process.exit(1);
  },
);
