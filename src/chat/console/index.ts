/**
 * The console adapter: the whole bot in a terminal, the default when no chat credentials are set.
 * Interactive with a prompt on a TTY, one command per line when piped; exits at end of input.
 * With `json`, every reply, post and alert is one JSON line (the platform-neutral reply object).
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Services } from '../../services.js';
import type { ChatAdapter } from '../adapter.js';
import type { CommandContext } from '../command.js';
import { renderText } from '../render/text.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';

export interface ConsoleOptions {
  router: Router;
  services: Services;
  input: Readable;
  output: Writable;
  json: boolean;
  /** Show a prompt (defaults to whether input is a TTY). */
  interactive?: boolean;
}

export interface ConsoleAdapter extends ChatAdapter {
  /** Resolves when input has ended and every reply has been written. */
  readonly finished: Promise<void>;
}

export const CONSOLE_CHANNEL = 'console:main';

export function createConsoleAdapter(opts: ConsoleOptions): ConsoleAdapter {
  const interactive = opts.interactive ?? Boolean((opts.input as { isTTY?: boolean }).isTTY);
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  let rl: ReturnType<typeof createInterface> | undefined;

  const write = (reply: Reply) => {
    if (opts.json) opts.output.write(`${JSON.stringify(reply)}\n`);
    else opts.output.write(`${renderText(reply)}\n\n`);
  };
  const ctx = (): CommandContext => ({
    platform: 'console',
    tenant: 'console:local',
    user: 'console:user',
    channel: CONSOLE_CHANNEL,
    isAdmin: true,
    services: opts.services,
    progress: async (text) => {
      if (interactive && !opts.json) opts.output.write(`… ${text}\n`);
    },
  });

  return {
    platform: 'console',
    finished,
    async start() {
      rl = createInterface({ input: opts.input, output: interactive ? opts.output : undefined, terminal: interactive });
      if (interactive) {
        opts.output.write('Small-Cap Market Tracker — type /help for commands, Ctrl+D to quit.\n');
        rl.setPrompt('> ');
        rl.prompt();
      }
      // Lines are answered one at a time, in order, even when piped faster than we answer.
      let chain = Promise.resolve();
      rl.on('line', (line) => {
        chain = chain.then(async () => {
          const text = line.trim();
          if (text) write(await opts.router.handle({ line: text }, ctx()));
          if (interactive) rl?.prompt();
        });
      });
      rl.on('close', () => {
        void chain.then(done);
      });
    },
    async stop() {
      rl?.close();
      await finished;
    },
    async send(_channel, reply) {
      write(reply);
    },
  };
}
