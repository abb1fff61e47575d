import { z } from 'zod';
import { defineCommand } from '../src/chat/command.js';
import { CommandError } from '../src/chat/errors.js';
import { okReply } from '../src/chat/reply.js';
import { bookRules, positionRules, RULE_KINDS, type AlertRuleKind } from '../src/core/alerts/index.js';
import { positionLabel } from '../src/core/portfolio/index.js';
import { alertLimits, bookOwner, loadAlertBook, loadTenant, updateAlertBook } from '../src/portfolio/index.js';
import { ownerName } from './views/portfolio.js';
import { addAlert, priceAlertTable, removeAlert } from './views/price-alerts.js';
import { ALERT_DELIVERIES, isAlertDelivery, setAlertDelivery } from '../src/store/prefs.js';
import type { CommandContext } from '../src/chat/command.js';
import { alertsData } from './schemas/alerts.js';

export { alertsData as dataSchema };

const kinds = RULE_KINDS.map((k) => k.toLowerCase());

export default defineCommand({
  name: 'alerts',
  description: 'Price, move and IV alerts on any ticker, your portfolio alert rules, recent alerts, and muting',
  category: 'portfolio',
  examples: [
    '/alerts',
    '/alerts list',
    '/alerts add ABCD above 12.50',
    '/alerts add ABCD move 8',
    '/alerts add ABCD iv above 90',
    '/alerts remove A1',
    '/alerts mute P3',
    '/alerts mute thetaDecay',
    '/alerts unmute P3',
    '/alerts mute book shared=true',
    '/alerts deliver dm',
  ],
  args: z.object({
    action: z
      .enum(['list', 'add', 'remove', 'mute', 'unmute', 'deliver'])
      .default('list')
      .describe('list, add (a price, move or IV alert), remove, mute, unmute, or deliver (how your alerts reach you)'),
    target: z
      .string()
      .max(40)
      .optional()
      .describe(`A ticker (add), an alert id (remove: A3), a position id (P3), a rule (${RULE_KINDS.join(', ')}) or book; for deliver: dm, mention or channel`),
    condition: z.string().max(10).optional().describe('For add: above, below, move or iv'),
    value: z.string().max(20).optional().describe('For add: the price, the percent move, or (iv) above or below'),
    value2: z.string().max(20).optional().describe('For add … iv above|below: the IV percent'),
    shared: z.boolean().default(false).describe('The server’s shared portfolio (only admins change its mutes)'),
  }),
  positional: ['action', 'target', 'condition', 'value', 'value2'],
  dataSchema: alertsData,
  ephemeral: true,
  async run(ctx, a) {
    if (a.action === 'deliver') return deliverBy(ctx, a.target, a.shared);
    if (a.action === 'add') return addAlert(ctx, [a.target, a.condition, a.value, a.value2]);
    if (a.action === 'remove') return removeAlert(ctx, a.target);
    const owner = bookOwner(ctx.user, a.shared);
    const { store } = ctx.services;
    const doc = await loadTenant(store, ctx.tenant);
    if (a.action !== 'list') {
      if (a.shared && !ctx.isAdmin) throw new CommandError('FORBIDDEN', 'Only server admins can mute the shared portfolio’s alerts.');
      const t = (a.target ?? '').trim();
      if (!t) throw new CommandError('MISSING_ARGUMENT', `/alerts ${a.action} needs a position id, a rule or "book" — for example: /alerts ${a.action} P3.`);
      const subject = normalise(t);
      if (!subject) throw new CommandError('INVALID_ARGUMENT', `"${t.slice(0, 40)}" is not a position id, a rule (${RULE_KINDS.join(', ')}) or book.`);
      if (/^P\d+$/.test(subject)) {
        const p = doc.positions.find((x) => x.id === subject);
        if (!p) throw new CommandError('NOT_FOUND', `There is no open position ${subject}; /portfolio list shows your ids.`);
        if (p.owner !== owner) throw new CommandError('NOT_YOURS', `Position ${subject} is not in ${ownerName(owner).toLowerCase()}.`);
      }
      const mutes = await updateAlertBook(store, ctx.tenant, (book) => {
        const now = new Set(book.mutes[owner] ?? []);
        if (a.action === 'mute') now.add(subject);
        else now.delete(subject);
        return { book: { ...book, mutes: { ...book.mutes, [owner]: [...now].sort() } }, result: [...now].sort() };
      });
      return okReply('alerts', {
        title: `${a.action === 'mute' ? 'Muted' : 'Unmuted'} ${subject}`,
        text: `${a.action === 'mute' ? 'Alerts for it are no longer delivered (its rule state keeps updating, so unmuting does not replay old crossings).' : 'Its alerts are delivered again.'} Muted now: ${mutes.length ? mutes.join(', ') : 'nothing'}.`,
        ephemeral: !a.shared,
        data: { action: a.action, owner, subject, mutes },
      });
    }
    const book = await loadAlertBook(store, ctx.tenant);
    const limits = alertLimits(ctx.services);
    const mutes = book.mutes[owner] ?? [];
    const mine = doc.positions.filter((p) => p.owner === owner);
    const rules = [
      ...mine.flatMap((p) =>
        positionRules(
          { id: p.id, side: p.side, stopLoss: p.stopLoss, profitTarget: p.profitTarget, isOption: !!p.option, hasEntryIv: p.entryIv !== undefined },
          limits,
        ).map((r) => ({ r, label: `${p.id} ${positionLabel(p)}` })),
      ),
      ...(mine.length ? bookRules(owner, limits).map((r) => ({ r, label: 'book' })) : []),
    ];
    const rows = rules.map(({ r, label }) => {
      const st = book.rules[`${r.subject}|${r.kind}`];
      const muted = mutes.includes(r.subject) || mutes.includes(r.kind) || (r.subject.startsWith('book:') && mutes.includes('book'));
      const state = !st
        ? 'armed (not yet observed)'
        : st.armed
          ? 'armed'
          : `fired ${st.firedDay ?? ''}, re-arms past ${levelText(r.kind, r.direction === 'below' ? r.level + r.band : r.level - r.band)}`;
      return [
        label,
        r.kind,
        `${r.direction === 'below' ? '≤' : '≥'} ${levelText(r.kind, r.level)}`,
        st?.last !== undefined ? levelText(r.kind, st.last) : 'n/a',
        muted ? 'muted' : state,
      ];
    });
    const price = await priceAlertTable(ctx);
    const recent = book.recent
      .filter((m) => m.user === owner)
      .slice(-10)
      .reverse();
    return okReply('alerts', {
      // The count names both tables: "8 rules" above a table of 3 price alerts read as if those were not counted.
      title: `Alerts — ${ownerName(owner).toLowerCase()}: ${rules.length} rule${rules.length === 1 ? '' : 's'}${price.alerts.length ? `, ${price.alerts.length} price alert${price.alerts.length === 1 ? '' : 's'}` : ''}`,
      text:
        rules.length || price.alerts.length
          ? `Rules fire once on a crossing and re-arm only after moving back ${(limits.hysteresis * 100).toFixed(1)}% past the level. Muted: ${mutes.length ? mutes.join(', ') : 'nothing'}.`
          : 'No price alerts (/alerts add ABCD above 12.50) and no open positions, so no alert rules.',
      ephemeral: !a.shared,
      tables: [
        ...(price.table ? [price.table] : []),
        ...(rows.length ? [{ title: 'Rules', columns: ['Subject', 'Rule', 'Fires at', 'Last seen', 'State'], rows }] : []),
        ...(recent.length ? [{ title: 'Recent alerts', columns: ['Day', 'Rule', 'Alert'], rows: recent.map((m) => [m.day, m.rule, m.text]) }] : []),
      ],
      data: {
        action: 'list',
        owner,
        mutes,
        rules: rules.map(({ r }) => ({ ...r, state: book.rules[`${r.subject}|${r.kind}`] ?? null })),
        recent,
        priceAlerts: price.alerts,
      },
    });
  },
});

function normalise(t: string): string | undefined {
  if (/^p\d+$/i.test(t)) return t.toUpperCase();
  if (t.toLowerCase() === 'book') return 'book';
  const i = kinds.indexOf(t.toLowerCase());
  return i >= 0 ? (RULE_KINDS[i] as AlertRuleKind) : undefined;
}

function levelText(kind: AlertRuleKind, x: number): string {
  if (kind === 'stopLoss' || kind === 'profitTarget') return `$${x.toFixed(2)}`;
  if (kind === 'expiry') return `${x.toFixed(1)} days`;
  return `${(x * 100).toFixed(1)}%`;
}

const DELIVERY_TEXT = {
  channel: 'Your alerts are posted in the server’s alerts channel.',
  dm: 'Your alerts come to you by direct message (in the alerts channel with a mention if the platform refuses the DM).',
  mention: 'Your alerts are posted in the alerts channel with a mention of you only.',
} as const;

/** `/alerts deliver dm|mention|channel`: how the user's personal alerts reach them (read at send time by delivery/route.ts). */
async function deliverBy(ctx: CommandContext, target: string | undefined, shared: boolean) {
  if (shared)
    throw new CommandError(
      'INVALID_ARGUMENT',
      'The shared portfolio’s alerts always go to the alerts channel; /alerts deliver sets how your own alerts reach you.',
    );
  const mode = (target ?? '').trim().toLowerCase();
  if (!isAlertDelivery(mode))
    throw new CommandError(
      mode ? 'INVALID_ARGUMENT' : 'MISSING_ARGUMENT',
      `/alerts deliver needs ${ALERT_DELIVERIES.join(', ')} — for example: /alerts deliver dm.`,
    );
  if (ctx.platform === 'console' && mode !== 'channel')
    throw new CommandError('UNSUPPORTED', 'The console has no direct messages or mentions; alerts print here.');
  await setAlertDelivery(ctx.services.store, ctx.tenant, ctx.user, mode);
  return okReply('alerts', {
    title: `Alert delivery: ${mode}`,
    text: DELIVERY_TEXT[mode],
    ephemeral: true,
    data: { action: 'deliver', owner: ctx.user, deliver: mode },
  });
}
