export { AgentryApi } from './credentials/AgentryApi.credentials';
export { HyperRepApi } from './credentials/HyperRepApi.credentials';
