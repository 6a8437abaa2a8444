export { type BuildServerOptions, buildServer } from './build-server.js';
export { DEFAULT_SERVER_CONFIG, type ServerConfig } from './config.js';
