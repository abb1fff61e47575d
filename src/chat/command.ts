/**
 * What a command is. One file per command in `commands/` exports one of these; Discord slash
 * definitions, the Slack manifest, `/help` and the text parser are all derived from `args`,
 * so they cannot drift apart.
 */
import type { z } from 'zod';
import type { Services } from '../services.js';
import type { Reply } from './reply.js';

export type Platform = 'console' | 'discord' | 'slack' | 'test';

export interface CommandContext {
  platform: Platform;
  /** `discord:<guild>`, `slack:<team>`, `console:local`: the isolation boundary for state. */
  tenant: string;
  /** Platform-prefixed user id, e.g. `discord:1234`. */
  user: string;
  /** Platform-prefixed channel id. */
  channel: string;
  /** May change tenant-wide settings (Discord Manage Server, Slack workspace admin, console user). */
  isAdmin: boolean;
  /** No server behind this invocation (a Discord DM): admin-only commands and server-scoped data are refused. */
  directMessage?: boolean;
  /**
   * Checks a delivery target (`<platform>:<channel>`, `<platform>:dm:<user>`, `<platform>:<channel>@<user>`)
   * against the platform: the channel belongs to this tenant and the bot can post there, a user is a
   * member. Resolves to an error sentence, or undefined when the target is fine. Absent where the
   * platform needs no check (console, tests).
   */
  checkTarget?: (target: string) => Promise<string | undefined>;
  services: Services;
  /** Updates the pending message of a long command ("scanned 1,200 of 4,800"); may be a no-op. */
  progress(text: string): Promise<void>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ArgsSchema = z.ZodObject<any>;

export interface Command<S extends ArgsSchema = ArgsSchema, D extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  category: 'market' | 'options' | 'portfolio' | 'risk' | 'bot';
  /** Full example invocations, shown in /help. */
  examples: string[];
  /** Options; every field needs `.describe()` — it is the help and slash-command text. */
  args: S;
  /** Bounds and sense rules beyond what each option states, shown by /help. */
  limits?: string;
  /** Order in which bare words fill options: `/greeks ABC 2026-12-18 call`. */
  positional: (keyof z.infer<S> & string)[];
  /** Replies only the asking user sees. */
  ephemeral?: boolean;
  /** Only admins may run it (implies serverOnly). */
  adminOnly?: boolean;
  /** Works on the server's data: refused in direct messages and not offered there. */
  serverOnly?: boolean;
  /**
   * The zod schema of the reply's `data` on success: the `--json` contract users' scripts read.
   * Kept in `commands/schemas/<name>.ts` and re-exported by the command file as `dataSchema`.
   * `run` must return `Reply<z.input<D>>`, so the compiler holds `data` to it too.
   */
  dataSchema?: D;
  run(ctx: CommandContext, args: z.infer<S>): Promise<Reply<z.input<D>>>;
}

export function defineCommand<S extends ArgsSchema, D extends z.ZodType = z.ZodType>(command: Command<S, D>): Command<S, D> {
  return command;
}
