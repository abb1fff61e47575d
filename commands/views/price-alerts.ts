/** `/alerts add|remove` and the price-alert part of `/alerts list`, rendered from the alerts service. */
import type { CommandContext } from '../../src/chat/command.js';
import { CommandError } from '../../src/chat/errors.js';
import { okReply, type ReplyTable } from '../../src/chat/reply.js';
import { addPriceAlert, describeAlert, listPriceAlerts, parseAlertSpec, removePriceAlert } from '../../src/alerts/index.js';

export async function addAlert(ctx: CommandContext, words: (string | undefined)[]) {
  const parsed = parseAlertSpec(words.filter((w): w is string => w !== undefined));
  if (!parsed.ok) throw new CommandError(parsed.code, parsed.message);
  const a = await addPriceAlert(ctx.services, ctx.tenant, ctx.user, parsed.value, ctx.services.clock.now());
  return okReply('alerts', {
    title: `Alert ${a.id} set: ${describeAlert(a)}`,
    text: [
      ...(a.alreadyPast ? [`${a.symbol} is already past that level: the alert fires when it crosses back and then through it again.`] : []),
      `Checked every intraday slot while the market is open; it fires once when crossed and re-arms after moving back past the level. /alerts remove ${a.id} deletes it.`,
    ].join('\n'),
    ephemeral: true,
    data: { action: 'add', alert: a },
  });
}

export async function removeAlert(ctx: CommandContext, id: string | undefined) {
  if (!id?.trim()) throw new CommandError('MISSING_ARGUMENT', '/alerts remove needs an alert id — for example: /alerts remove A3.');
  const a = await removePriceAlert(ctx.services, ctx.tenant, ctx.user, id);
  return okReply('alerts', { title: `Alert ${a.id} removed`, text: describeAlert(a), ephemeral: true, data: { action: 'remove', alert: a } });
}

export async function priceAlertTable(ctx: CommandContext): Promise<{ table?: ReplyTable; alerts: Awaited<ReturnType<typeof listPriceAlerts>> }> {
  const alerts = await listPriceAlerts(ctx.services, ctx.tenant, ctx.user);
  if (!alerts.length) return { alerts };
  const rows = alerts.map(({ alert: a, state }) => [
    a.id,
    describeAlert(a),
    state?.last === undefined ? 'n/a' : a.kind === 'price' ? `$${state.last.toFixed(2)}` : `${(state.last * 100).toFixed(1)}%`,
    // Disarmed without a firing: it was already past its level when set (nothing was sent yet).
    !state || state.armed ? 'armed' : state.firedDay ? `fired ${state.firedDay}` : 'waiting: already past when set',
  ]);
  return { table: { title: 'Price alerts', columns: ['Id', 'Condition', 'Last seen', 'State'], rows }, alerts };
}
