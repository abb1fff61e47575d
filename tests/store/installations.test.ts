/**
 * The Slack installation repository: one record per workspace (or per org for an org-wide
 * install), replaced on a reinstall, validated on every read.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../src/store/index.js';
import { deleteInstallation, findInstallation, installationKey, saveInstallation } from '../../src/store/installations.js';

const install = (team: string, token: string) => ({
  team: { id: team, name: `Team ${team}` },
  enterprise: undefined,
  isEnterpriseInstall: false,
  appId: 'A0APP',
  authVersion: 'v2',
  bot: { token, userId: `U0BOT${team}`, id: `B${team}`, scopes: ['commands', 'chat:write'] },
  user: { id: 'U0INSTALLER', token: undefined, scopes: undefined },
});

describe('Slack installations in the store', () => {
  let store: Store;
  beforeEach(async () => {
    store = await openStore('memory://');
  });
  afterEach(async () => store.close());

  it('keeps one record per team, replaced by a reinstall, with the fields Bolt wrote', async () => {
    await saveInstallation(store, install('T1', 'xoxb-1'));
    await saveInstallation(store, install('T2', 'xoxb-2'));
    await saveInstallation(store, install('T1', 'xoxb-1b'));
    expect((await findInstallation(store, { teamId: 'T1' }))?.bot?.token).toBe('xoxb-1b');
    expect(await findInstallation(store, { teamId: 'T2' })).toMatchObject({ appId: 'A0APP', authVersion: 'v2', user: { id: 'U0INSTALLER' } });
    expect(await findInstallation(store, { teamId: 'T3' })).toBeUndefined();
  });

  it('keys an org-wide install by its enterprise, a workspace by its team', () => {
    expect(installationKey({ teamId: 'T1' })).toBe('team:T1');
    expect(installationKey({ teamId: 'T1', enterpriseId: 'E1', isEnterpriseInstall: true })).toBe('enterprise:E1');
    expect(installationKey({ enterpriseId: 'E1' })).toBeUndefined();
  });

  it('deletes one workspace and says whether there was one', async () => {
    await saveInstallation(store, install('T1', 'xoxb-1'));
    await saveInstallation(store, install('T2', 'xoxb-2'));
    expect(await deleteInstallation(store, { teamId: 'T1' })).toBe(true);
    expect(await deleteInstallation(store, { teamId: 'T1' })).toBe(false);
    expect(await findInstallation(store, { teamId: 'T1' })).toBeUndefined();
    expect((await findInstallation(store, { teamId: 'T2' }))?.bot?.token).toBe('xoxb-2');
  });

  it('refuses to save a record without a bot token of the right kind or without its team', async () => {
    await expect(saveInstallation(store, { ...install('T1', 'xoxp-user-token') })).rejects.toThrow(/a bot token starting with xoxb-/);
    await expect(saveInstallation(store, { ...install('T1', 'xoxb-1'), team: undefined })).rejects.toThrow('a Slack installation needs a team id');
  });

  it('reads a hand-edited record as STORE_CORRUPT, naming the field', async () => {
    await store.ns('slackinstalls').set('team:T9', { team: { id: 'T9' }, bot: { token: 42, userId: 'U', scopes: [] } });
    await expect(findInstallation(store, { teamId: 'T9' })).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
    await expect(findInstallation(store, { teamId: 'T9' })).rejects.toThrow(/Slack installation team:T9 is unreadable .* at bot\.token/);
  });
});
