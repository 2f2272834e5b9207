export { AgentryApi } from './credentials/AgentryApi.credentials';
export { HyperRepApi } from './credentials/HyperRepApi.credentials';
export { HyperRep } from './nodes/HyperRep/HyperRep.node';
