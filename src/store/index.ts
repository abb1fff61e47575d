export { openStore, StoreError, type Store } from './open.js';
