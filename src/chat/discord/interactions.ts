/**
 * Handles Discord interactions: slash commands (deferred before any data is fetched, then routed
 * and answered with embeds), autocomplete for tickers and expiries, and paging buttons.
 * Nothing here throws into discord.js: failures are logged and, where possible, told to the user.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
} from 'discord.js';
import type { Services } from '../../services.js';
import type { CommandContext } from '../command.js';
import type { Router } from '../router.js';
import { PageStore, parsePageButtonId } from '../render/pages.js';
import type { Suggester } from './autocomplete.js';
import { autocompleteKind, optionMap } from './definitions.js';
import { errorSentence, navRow, pagingRow, type DiscordPage } from './embeds.js';
import { discordMessage, interactionFiles } from './chart.js';
import { parseNav } from '../render/nav.js';
import { discordTargetCheck } from './targets.js';

/** Sent on every message: a ticker or a user's text must never ping anyone. */
export const NO_MENTIONS = { parse: [] as [] };
const PROGRESS_EVERY_MS = 1000;

export interface InteractionDeps {
  services: Services;
  router: Router;
  pages: PageStore<DiscordPage>;
  suggest: Suggester;
}

export function interactionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const log = deps.services.logger;
  return async (interaction) => {
    try {
      if (interaction.isChatInputCommand()) await onCommand(deps, interaction);
      else if (interaction.isAutocomplete()) await onAutocomplete(deps, interaction);
      else if (interaction.isButton()) await onButton(deps, interaction);
    } catch (err) {
      log.error({ err, interaction: interaction.id }, 'discord interaction failed');
    }
  };
}

/** The platform's message for page `index` of `pages`, with paging buttons when there are several. */
export function pagePayload(deps: Pick<InteractionDeps, 'pages'>, pages: DiscordPage[], index = 0, id?: string) {
  const page = pages[index] ?? { embeds: [] };
  const nav = page.nav?.length ? [navRow(page.nav)] : [];
  if (pages.length < 2) return { content: '', embeds: page.embeds, components: nav, allowedMentions: NO_MENTIONS };
  const key = id ?? deps.pages.put(pages);
  return { content: '', embeds: page.embeds, components: [pagingRow(key, index, pages.length), ...nav], allowedMentions: NO_MENTIONS };
}

export { replyPages } from './embeds.js';

export function contextFor(services: Services, interaction: Interaction, progress: (text: string) => Promise<void>): CommandContext {
  const user = interaction.user.id;
  const guild = interaction.guildId;
  return {
    platform: 'discord',
    tenant: guild ? `discord:${guild}` : `discord:dm:${user}`,
    user: `discord:${user}`,
    channel: `discord:${interaction.channelId ?? `dm:${user}`}`,
    // In a server, Manage Server decides. A DM has no server, so nobody is its admin.
    isAdmin: guild ? (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false) : false,
    directMessage: !guild,
    ...(guild ? { checkTarget: discordTargetCheck(interaction.client, guild) } : {}),
    services,
    progress,
  };
}

async function onCommand(deps: InteractionDeps, interaction: ChatInputCommandInteraction): Promise<void> {
  const command = deps.router.find(interaction.commandName);
  const ephemeral = command?.ephemeral ?? false;
  // Acknowledge first: Discord drops interactions not answered within 3 s.
  await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
  let done = false;
  let last = 0;
  const progress = async (text: string): Promise<void> => {
    if (done || Date.now() - last < PROGRESS_EVERY_MS) return;
    last = Date.now();
    // A progress line is best effort: the final reply follows whatever happens to it.
    await interaction.editReply({ content: `⏳ ${text}`.slice(0, 2000), allowedMentions: NO_MENTIONS }).catch(() => undefined);
  };
  const options: Record<string, unknown> = {};
  const names = command ? optionMap(command) : new Map();
  for (const opt of interaction.options.data) options[names.get(opt.name)?.name ?? opt.name] = opt.value;
  const reply = await deps.router.handle({ name: interaction.commandName, options }, contextFor(deps.services, interaction, progress));
  done = true;
  if (!reply.ok) {
    const content = errorSentence(reply);
    if (ephemeral) {
      await interaction.editReply({ content, embeds: [], components: [], allowedMentions: NO_MENTIONS });
    } else {
      // The deferral was public; errors are only for the asker.
      // Already gone or expired: the ephemeral follow-up below still tells the user.
      await interaction.deleteReply().catch(() => undefined);
      await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    }
    return;
  }
  const message = await discordMessage(reply, deps.services.logger);
  await interaction.editReply({ ...pagePayload(deps, message.pages), ...interactionFiles(message.files) });
}

async function onAutocomplete(deps: InteractionDeps, interaction: AutocompleteInteraction): Promise<void> {
  const command = deps.router.find(interaction.commandName);
  const focused = interaction.options.getFocused(true);
  const opt = command ? optionMap(command).get(focused.name) : undefined;
  const kind = opt ? autocompleteKind(opt) : undefined;
  if (!kind) return interaction.respond([]);
  const symbolOpt = interaction.options.data.find((o) => /^(symbol|ticker|underlying)$/.test(o.name));
  const choices = await deps.suggest(kind, String(focused.value ?? ''), symbolOpt?.value ? String(symbolOpt.value) : undefined);
  await interaction.respond(choices);
}

async function onButton(deps: InteractionDeps, interaction: ButtonInteraction): Promise<void> {
  if (interaction.customId.startsWith('act:') || interaction.customId.startsWith('nav:')) return onNav(deps, interaction);
  const target = parsePageButtonId(interaction.customId);
  const hit = target && (await deps.pages.get(target.id, target.index));
  if (!target || !hit) {
    await interaction.reply({ content: 'These pages have expired; run the command again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const nav = hit.page.nav?.length ? [navRow(hit.page.nav)] : [];
  await interaction.update({ embeds: hit.page.embeds, components: [pagingRow(target.id, target.index, hit.count), ...nav], allowedMentions: NO_MENTIONS });
}

/** Calls/puts and expiry buttons: acknowledge, re-run the command, replace the message. */
async function onNav(deps: InteractionDeps, interaction: ButtonInteraction): Promise<void> {
  const target = parseNav(interaction.customId, (n) => deps.router.find(n));
  if (!target) {
    await interaction.reply({ content: 'That button no longer works; run the command again.', flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  await interaction.deferUpdate();
  const reply = await deps.router.handle(
    target,
    contextFor(deps.services, interaction, async () => undefined),
  );
  if (!reply.ok) {
    await interaction.followUp({ content: errorSentence(reply), flags: MessageFlags.Ephemeral, allowedMentions: NO_MENTIONS });
    return;
  }
  const message = await discordMessage(reply, deps.services.logger);
  await interaction.editReply({ ...pagePayload(deps, message.pages), ...interactionFiles(message.files) });
}
