/** Portfolio services over the store and the market gateway; the scheduler calls the first two. */
export { evaluatePortfolioAlerts, observeTenant, alertLimits } from './alerts.js';
export { snapshotEquity, loadBook, type BookView, type PositionPnl } from './book.js';
export { computeRisk, type RiskReport, type LimitUse, type PositionRisk } from './risk.js';
export { addPosition, closeTrade, type Actor, type AddRequest } from './trade.js';
export { valuePositions, tradingDayOf, type ValuedPosition } from './valuation.js';
export { bookOwner } from './owner.js';
export { loadTenant, loadAlertBook, updateAlertBook, type AlertMessage, type AlertBook } from '../store/portfolio.js';
export { editPosition, type EditRequest } from './edit.js';
export { settleExpiries, expiryEveAlerts, type Settlement } from './expiry.js';
export { FAR_FROM_MARKET, MAX_NOTIONAL } from './sense.js';
