export { MAX_WATCHLIST, WatchlistFullError, watchlists, type Watchlists } from '../store/watchlist.js';
