/**
 * Slack listeners: one per slash command plus the `/tracker <command> …` umbrella, and the paging
 * buttons. Every slash command is acknowledged at once (Slack allows 3 s), then routed and
 * answered through `respond()` on the command's response_url.
 */
import type { App, RespondFn } from '@slack/bolt';
import type { Services } from '../../services.js';
import type { CommandContext } from '../command.js';
import { PageStore, parsePageButtonId } from '../render/pages.js';
import type { Reply } from '../reply.js';
import type { Router } from '../router.js';
import type { AdminCheck } from './admin.js';
import { errorSentence, navBlock, pagingBlock, renderBlocks, type RenderOptions, type SlackBlock, type SlackPage } from './blocks.js';
import { slackChartPng, uploadChart, type ChartClient } from './chart.js';
import { navButtons, parseNav } from '../render/nav.js';
import { escapeText } from './escape.js';
import { UMBRELLA } from './manifest.js';
import { slackTargetCheck } from './targets.js';

export interface SlackDeps {
  services: Services;
  router: Router;
  pages: PageStore<SlackPage>;
  isAdmin: AdminCheck;
}

/** Page `index` of `pages` as a message body, with paging buttons when there are several. */
export function pageMessage(pages: PageStore<SlackPage>, all: SlackPage[], index = 0, id?: string): { text: string; blocks: SlackBlock[] } {
  const page = all[index] ?? { text: '', blocks: [] };
  const nav = page.nav?.length ? [navBlock(page.nav)] : [];
  if (all.length < 2) return { text: page.text, blocks: [...page.blocks, ...nav] };
  return { text: page.text, blocks: [...page.blocks, pagingBlock(id ?? pages.put(all), index, all.length), ...nav] };
}

/** The reply as pages, each carrying the reply's navigation buttons. */
export function replyPages(reply: Reply, opts: RenderOptions = {}): SlackPage[] {
  const nav = navButtons(reply);
  return renderBlocks(reply, opts).map((p) => (nav.length ? { ...p, nav } : p));
}

/**
 * Answers a slash command. A chart too long for an image block is uploaded as a PNG to the
 * channel after an in-channel answer; an ephemeral answer keeps a note instead (a file shared
 * to the channel would show everyone what only the asker should see).
 */
export async function deliver(deps: SlackDeps, respond: RespondFn, reply: Reply, chart?: { client: ChartClient; channel: string }): Promise<void> {
  if (!reply.ok) {
    await respond({ response_type: 'ephemeral', text: errorSentence(reply) });
    return;
  }
  const png = chart && !reply.ephemeral ? await slackChartPng(reply, deps.services.logger) : undefined;
  const message = pageMessage(deps.pages, replyPages(reply, { chartUploaded: !!png }));
  await respond({ response_type: reply.ephemeral ? 'ephemeral' : 'in_channel', text: message.text, blocks: message.blocks });
  if (png && chart) await uploadChart(chart.client, chart.channel, reply, png, deps.services.logger);
}

export function registerListeners(app: App, deps: SlackDeps): void {
  const log = deps.services.logger;
  const names = [...deps.router.commands.map((c) => c.name), UMBRELLA];
  for (const name of names) {
    app.command(`/${name}`, async ({ command, ack, respond, client }) => {
      await ack();
      const line = name === UMBRELLA ? command.text.trim() || 'help' : `/${name} ${command.text}`;
      let progressed = false;
      const ctx: CommandContext = {
        platform: 'slack',
        tenant: `slack:${command.team_id}`,
        user: `slack:${command.user_id}`,
        channel: `slack:${command.channel_id}`,
        isAdmin: await deps.isAdmin(client, command.team_id, command.user_id),
        // A Slack DM still belongs to the workspace (team_id, admin from users.info); targets are checked.
        checkTarget: slackTargetCheck(client, command.team_id),
        services: deps.services,
        // response_url takes five messages: one progress note at most.
        progress: async (text) => {
          if (progressed) return;
          progressed = true;
          await respond({ response_type: 'ephemeral', text: `⏳ ${escapeText(text)}` }).catch(() => undefined);
        },
      };
      try {
        await deliver(deps, respond, await deps.router.handle({ line }, ctx), { client, channel: command.channel_id });
      } catch (err) {
        log.error({ err, command: name }, 'slack reply failed');
      }
    });
  }
  app.action(/^page_(prev|next)$/, async ({ ack, action, respond }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const target = parsePageButtonId(value);
    const hit = target && (await deps.pages.get(target.id, target.index));
    if (!target || !hit) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'These pages have expired; run the command again.' });
      return;
    }
    const all = await Promise.all(Array.from({ length: hit.count }, async (_, i) => (await deps.pages.get(target.id, i))?.page ?? { text: '', blocks: [] }));
    const message = pageMessage(deps.pages, all, target.index, target.id);
    await respond({ replace_original: true, text: message.text, blocks: message.blocks });
  });
  // Calls/puts and expiry buttons re-run the command and replace the message.
  app.action(/^nav_\d$/, async ({ ack, action, body, respond, client }) => {
    await ack();
    const value = 'value' in action && typeof action.value === 'string' ? action.value : '';
    const target = parseNav(value, (n) => deps.router.find(n));
    if (!target) return;
    const team = body.team?.id ?? body.user.team_id ?? '';
    const ctx: CommandContext = {
      platform: 'slack',
      tenant: `slack:${team}`,
      user: `slack:${body.user.id}`,
      channel: `slack:${body.channel?.id ?? ''}`,
      isAdmin: await deps.isAdmin(client, team, body.user.id),
      checkTarget: slackTargetCheck(client, team),
      services: deps.services,
      progress: async () => undefined,
    };
    const reply = await deps.router.handle(target, ctx);
    if (!reply.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: errorSentence(reply) });
      return;
    }
    const message = pageMessage(deps.pages, replyPages(reply));
    await respond({ replace_original: true, text: message.text, blocks: message.blocks });
  });
}
