/**
 * Three bot processes on one PostgreSQL server deliver each alert exactly once, also when one is SIGKILLed while
 * holding an alert or inside an alert check (scenarios in replicas.scenarios.ts).
 */
import { beforeAll, describe, it } from 'vitest';
import { sharedStores } from '../store/postgres.helpers.js';
import { eachAlertOnce, eachAlertOnceAcrossAKill, eachAlertOnceAcrossAKillMidCheck, writeConfig } from './replicas.scenarios.js';

describe('three replicas, each alert once', () => {
  const stores = sharedStores('alerts');
  beforeAll(() => writeConfig(stores.dir));

  it('on PostgreSQL', async () => {
    await eachAlertOnce(await stores.postgres('alertsonce'));
  }, 240_000);

  it('on PostgreSQL, with the bot that claimed an alert SIGKILLed before sending it', async () => {
    await eachAlertOnceAcrossAKill(await stores.postgres('alertskill'));
  }, 240_000);

  it('on PostgreSQL, with a bot SIGKILLed inside an alert check', async () => {
    await eachAlertOnceAcrossAKillMidCheck(await stores.postgres('alertsmidcheck'));
  }, 240_000);
});
