export { AppConfig } from './schema.js';
export { loadConfig, ConfigError, type LoadOptions } from './load.js';
