export { ALERT_DELIVERIES, getUserPrefs, isAlertDelivery, setAlertDelivery, type AlertDelivery, type UserPrefs } from '../store/prefs.js';
