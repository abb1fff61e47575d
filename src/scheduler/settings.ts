/** Tenant settings are stored (and channel input parsed) by src/store/settings.ts. */
export {
  CONSOLE_CHANNEL,
  CONSOLE_TENANT,
  getTenantSettings,
  listTenants,
  normalizeChannel,
  updateTenantSettings,
  type TenantSettings,
} from '../store/settings.js';
