/**
 * Pruning: sent/failed outbox rows and finished runs older than `store.keepDays`, and expired
 * key-value rows, are deleted; pending messages, open claims and live entries stay.
 */
import { describe, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { checkPruning } from './prune.cases.js';

describe('store pruning (SQLite)', () => {
  it('deletes only old finished rows and expired entries, and is idempotent', async () => {
    const store = await openStore('memory://');
    await checkPruning(store);
    await store.close();
  });
});
