export { AppConfig } from './schema.js';
export { loadConfig, ConfigError, type LoadOptions } from './load.js';
export { redact } from './redact.js';
