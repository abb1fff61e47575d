/**
 * Discord slash-command JSON derived from the command definitions (never written by hand), and
 * the map back from Discord's option names to the command's own. Discord wants lowercase option
 * names, required options first, at most 25 options and 25 choices, descriptions of 1–100 chars.
 */
import { PermissionFlagsBits, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { Command } from '../command.js';
import { describeOptions, type OptionInfo } from '../options.js';

const TYPE = { string: 3, integer: 4, boolean: 5, number: 10 } as const;
const TICKER = /^(symbol|symbols|ticker|tickers|underlying)$/i;
const EXPIRY = /^(expiry|expiration|expires)$/i;

export type AutocompleteKind = 'ticker' | 'expiry';

/** Which autocomplete source an option gets, if any. */
export function autocompleteKind(opt: OptionInfo): AutocompleteKind | undefined {
  if (opt.kind !== 'string' || (opt.choices && opt.choices.length <= 25)) return undefined;
  if (TICKER.test(opt.name)) return 'ticker';
  if (EXPIRY.test(opt.name)) return 'expiry';
  return undefined;
}

/** `minScore` → `min_score`: Discord option names must be lowercase. */
export const discordOptionName = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .slice(0, 32);

const describe = (text: string, fallback: string): string => {
  const t = (text || fallback).replace(/\s+/g, ' ').trim();
  return t.length <= 100 ? t : `${t.slice(0, 99)}…`;
};

export function slashCommand(command: Command): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const options = describeOptions(command.args)
    .map((opt, i) => ({ opt, i }))
    .sort((a, b) => Number(b.opt.required) - Number(a.opt.required) || a.i - b.i)
    .slice(0, 25)
    .map(({ opt }) => {
      const json: Record<string, unknown> = {
        type: TYPE[opt.kind],
        name: discordOptionName(opt.name),
        description: describe(opt.description, opt.name),
        required: opt.required,
      };
      const auto = autocompleteKind(opt);
      if (auto) json.autocomplete = true;
      else if (opt.choices?.length) json.choices = opt.choices.slice(0, 25).map((c) => ({ name: c, value: c }));
      if (opt.kind === 'number' || opt.kind === 'integer') {
        if (opt.min !== undefined) json.min_value = opt.min;
        if (opt.max !== undefined) json.max_value = opt.max;
      }
      return json;
    });
  return {
    type: 1,
    name: command.name.toLowerCase().slice(0, 32),
    description: describe(command.description, command.name),
    options: options as unknown as RESTPostAPIChatInputApplicationCommandsJSONBody['options'],
    // 0 = in a server, 1 = in the bot's DMs. Server commands are not offered in DMs at all.
    contexts: command.adminOnly || command.serverOnly ? [0] : [0, 1],
    ...(command.adminOnly || command.serverOnly ? { dm_permission: false } : {}),
    integration_types: [0],
    ...(command.adminOnly ? { default_member_permissions: String(PermissionFlagsBits.ManageGuild) } : {}),
  };
}

export function slashCommands(commands: readonly Command[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.map(slashCommand);
}

/** Discord option name → the command's option info, for binding an interaction's options. */
export function optionMap(command: Command): Map<string, OptionInfo> {
  return new Map(describeOptions(command.args).map((o) => [discordOptionName(o.name), o]));
}
