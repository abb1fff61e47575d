/**
 * Three bot processes on one SQLite file deliver each alert exactly once, also when one is SIGKILLed while
 * holding an alert or inside an alert check (scenarios in replicas.scenarios.ts).
 */
import { beforeAll, describe, it } from 'vitest';
import { sharedStores } from '../store/postgres.helpers.js';
import { eachAlertOnce, eachAlertOnceAcrossAKill, eachAlertOnceAcrossAKillMidCheck, writeConfig } from './replicas.scenarios.js';

describe('three replicas, each alert once', () => {
  const stores = sharedStores('alerts');
  beforeAll(() => writeConfig(stores.dir));

  it('on one SQLite file', async () => {
    await eachAlertOnce(stores.sqlite('once.sqlite'));
  }, 240_000);

  it('on one SQLite file, with the bot that claimed an alert SIGKILLed before sending it', async () => {
    await eachAlertOnceAcrossAKill(stores.sqlite('kill.sqlite'));
  }, 240_000);

  it('on one SQLite file, with a bot SIGKILLed inside an alert check', async () => {
    await eachAlertOnceAcrossAKillMidCheck(stores.sqlite('midcheck.sqlite'));
  }, 240_000);
});
