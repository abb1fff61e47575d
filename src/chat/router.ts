/**
 * Routes one command invocation to its command: binds arguments, runs the middleware chain
 * (permissions, cooldown), runs the command and turns every failure into one error reply.
 * An error in one command never escapes: the adapter always gets a Reply back.
 */
import { MarketDataError } from '../market/types.js';
import type { Command, CommandContext } from './command.js';
import { CommandError } from './errors.js';
import { bindNamed, bindTokens, parseLine } from './parse.js';
import { errorReply, type Reply } from './reply.js';

export type Invocation = { line: string } | { name: string; options: Record<string, unknown> };

export type Middleware = (command: Command, ctx: CommandContext, next: () => Promise<Reply>, args: Record<string, unknown>) => Promise<Reply>;

export interface Router {
  readonly commands: readonly Command[];
  find(name: string): Command | undefined;
  handle(invocation: Invocation, ctx: CommandContext): Promise<Reply>;
}

export function createRouter(commands: readonly Command[], middleware: Middleware[] = [serverScope, adminOnly]): Router {
  const byName = new Map(commands.map((c) => [c.name, c]));
  return {
    commands,
    find: (name) => byName.get(name.toLowerCase()),
    async handle(invocation, ctx) {
      let name: string;
      let bound: ReturnType<typeof bindTokens>;
      if ('line' in invocation) {
        const parsed = parseLine(invocation.line);
        if (!parsed.ok) return errorReply('unknown', parsed.error.code, parsed.error.message);
        name = parsed.value.name;
        const command = byName.get(name);
        if (!command) return unknownCommand(name);
        bound = bindTokens(command, parsed.value.tokens);
      } else {
        name = invocation.name.toLowerCase();
        const command = byName.get(name);
        if (!command) return unknownCommand(name);
        bound = bindNamed(command, invocation.options);
      }
      const command = byName.get(name) as Command;
      if (!bound.ok) return errorReply(name, bound.error.code, bound.error.message);
      const args = bound.value;
      const run = (i: number): Promise<Reply> => {
        const mw = middleware[i];
        return mw ? mw(command, ctx, () => run(i + 1), args as Record<string, unknown>) : command.run(ctx, args);
      };
      try {
        const reply = await run(0);
        return { ...reply, command: name, ephemeral: reply.ephemeral ?? command.ephemeral };
      } catch (err) {
        return toErrorReply(name, err, ctx);
      }
    },
  };
}

export function toErrorReply(name: string, err: unknown, ctx: CommandContext): Reply {
  if (err instanceof CommandError || err instanceof MarketDataError) return errorReply(name, err.code, err.message);
  ctx.services.logger.error({ err, command: name }, 'command failed');
  return errorReply(name, 'INTERNAL', `Something went wrong while running /${name}; the error was logged and nothing was changed.`);
}

function unknownCommand(name: string): Reply {
  // Clipped in the reply's `command` field too: scripts log it, and the user typed it.
  const shown = name.slice(0, 30);
  return errorReply(shown, 'UNKNOWN_COMMAND', `There is no /${shown} command; type /help to see them.`);
}

/**
 * Admin-only and server-only commands, and any command asked for the server's shared data
 * (`shared=true`), need a server: a direct message has none, and its sender is no server's admin.
 */
export const serverScope: Middleware = async (command, ctx, next, args) => {
  if (!ctx.directMessage) return next();
  if (command.adminOnly || command.serverOnly) {
    return errorReply(
      command.name,
      'SERVER_ONLY',
      `/${command.name} changes a server's settings, so it works only in a channel of that server, not in a direct message.`,
    );
  }
  if (args.shared === true) {
    return errorReply(
      command.name,
      'SERVER_ONLY',
      `The shared portfolio belongs to a server: run /${command.name} … shared=true in a channel of that server, not in a direct message.`,
    );
  }
  return next();
};

/** Commands marked adminOnly need an admin of the tenant. */
export const adminOnly: Middleware = async (command, ctx, next) => {
  if (command.adminOnly && !ctx.isAdmin) {
    return errorReply(command.name, 'FORBIDDEN', `Only server admins can use /${command.name}.`);
  }
  return next();
};
