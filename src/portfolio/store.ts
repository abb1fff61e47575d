/** Portfolio persistence lives in the store layer; re-exported here for the portfolio service. */
export { bookOwner } from './owner.js';
export {
  emptyAlertBook,
  loadAlertBook,
  loadSnapshots,
  loadTenant,
  updateAlertBook,
  updateSnapshots,
  updateTenant,
  type AlertBook,
  type AlertMessage,
} from '../store/portfolio.js';
