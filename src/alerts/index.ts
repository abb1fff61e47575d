/** Personal alerts on any ticker (price, day move, 30-day ATM IV): managed by /alerts, checked by the intraday job. */
export { PriceAlert, PriceAlertBook, PRICE_ALERT_KINDS, type PriceAlertKind } from './schema.js';
export { addPriceAlert, removePriceAlert, listPriceAlerts, parseAlertSpec, describeAlert, MAX_PER_USER, type AlertSpec } from './manage.js';
export { evaluatePriceAlerts, MAX_IV_READS, type PriceAlertMessage } from './evaluate.js';
export { priceAlertTenants, loadPriceAlerts } from './store.js';
