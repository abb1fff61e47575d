export { openStore, StoreError, StoreWriteError, STORE_WRITE_FAILED, type Store, type StoreOptions } from './open.js';
export type { Sql } from './sql.js';
