export { configSchema, type AppConfig } from './schema';
export { loadConfig, ConfigError, redactUrl } from './load-config';
