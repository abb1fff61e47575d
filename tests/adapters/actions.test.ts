/**
 * Reply actions and recipients are explicit: buttons come from `actions` only (never from the
 * shape of `data`), their ids round-trip to a typed invocation, and delivery routes a personal
 * alert by `recipient`.
 */
import { describe, expect, it } from 'vitest';
import { chainActions } from '../../commands/views/chain-actions.js';
import { okReply, type Reply } from '../../src/chat/reply.js';
import { navButtons, parseNav } from '../../src/chat/render/nav.js';
import { routeAlerts } from '../../src/delivery/route.js';
import { setAlertDelivery } from '../../src/store/prefs.js';
import { openStore } from '../../src/store/index.js';
import { fakeGreeks } from './support.js';

const find = (name: string) => (name === 'greeks' ? fakeGreeks : undefined);
const chain = { command: 'greeks', symbol: 'ABCD', expiry: '2026-12-18', expiries: ['2027-01-15', '2026-12-18', '2026-12-11'] };

describe('chain actions', () => {
  it('steps to the neighbouring expiries (sorted) and flips to the type not shown', () => {
    const a = chainActions({ ...chain, showing: 'call' });
    expect(a.map((x) => [x.kind, x.label])).toEqual([
      ['expiry', '◀ 2026-12-11'],
      ['flip', 'Puts'],
      ['expiry', '2027-01-15 ▶'],
    ]);
    expect(a[0]?.options).toEqual({ ticker: 'ABCD', expiry: '2026-12-11', type: 'call' });
    expect(chainActions({ ...chain, showing: undefined }).map((x) => x.label)).toEqual(['◀ 2026-12-11', 'Calls', 'Puts', '2027-01-15 ▶']);
  });

  it('renders buttons from actions only, whose ids come back as the command and its options', () => {
    const reply = okReply('greeks', { actions: chainActions({ ...chain, showing: 'put' }) });
    const buttons = navButtons(reply);
    expect(buttons.map((b) => b.label)).toEqual(['◀ 2026-12-11', 'Calls', '2027-01-15 ▶']);
    for (const b of buttons) expect(b.id.length).toBeLessThanOrEqual(100);
    expect(parseNav(buttons[1]?.id as string, find)).toEqual({ name: 'greeks', options: { ticker: 'ABCD', expiry: '2026-12-18', type: 'call' } });
  });

  it('gives no buttons for chain-shaped data without actions, for errors, or past Discord’s id limit', () => {
    expect(navButtons(okReply('greeks', { data: { symbol: 'ABCD', expiry: '2026-12-18', expiries: ['2027-01-15'], contracts: [] } }))).toEqual([]);
    expect(navButtons({ ...okReply('greeks', { actions: chainActions({ ...chain, showing: 'put' }) }), ok: false })).toEqual([]);
    expect(navButtons(okReply('greeks', { actions: [{ kind: 'page', label: 'Next', command: 'greeks', options: { ticker: 'X'.repeat(90) } }] }))).toEqual([]);
  });

  it('still understands the buttons of messages posted before actions were explicit', () => {
    expect(parseNav('nav:greeks:ABCD:2026-12-18:p', find)).toEqual({ name: 'greeks', options: { ticker: 'ABCD', expiry: '2026-12-18', type: 'put' } });
    expect(parseNav('act:greeks:{not json}', find)).toBeUndefined();
    expect(parseNav('act:nope:{}', find)).toBeUndefined();
  });
});

describe('alert recipients', () => {
  const tenant = 'discord:100000000000000001';
  const user = 'discord:500000000000000001';

  async function routed(reply: Reply) {
    const store = await openStore('memory://');
    await setAlertDelivery(store, tenant, user, 'dm');
    const to: string[] = [];
    await routeAlerts(async (channel: string, _reply: Reply) => void to.push(channel), store)('discord:200000000000000001', reply);
    await store.close();
    return to;
  }

  it('sends a personal alert where its recipient asked (here: by DM)', async () => {
    expect(await routed(okReply('alert', { kind: 'alert', text: 'stop', recipient: { tenant, user } }))).toEqual(['discord:dm:500000000000000001']);
  });

  it('posts an alert without a recipient, and any post, to the channel', async () => {
    expect(await routed(okReply('alert', { kind: 'alert', text: 'shared book' }))).toEqual(['discord:200000000000000001']);
    expect(await routed(okReply('morning', { kind: 'post', text: 'picks', recipient: { tenant, user } }))).toEqual(['discord:200000000000000001']);
  });

  it('routes an alert queued before recipients existed by the owner in its data', async () => {
    expect(await routed(okReply('alert', { kind: 'alert', text: 'stop', data: { tenant, user } }))).toEqual(['discord:dm:500000000000000001']);
  });
});
