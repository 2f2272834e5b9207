export { AgentryApi } from './credentials/AgentryApi.credentials';
export { HyperRepApi } from './credentials/HyperRepApi.credentials';
export { Agentry } from './nodes/Agentry/Agentry.node';
export { AgentryTrigger } from './nodes/AgentryTrigger/AgentryTrigger.node';
export { HyperRep } from './nodes/HyperRep/HyperRep.node';
export { HyperRepTrigger } from './nodes/HyperRepTrigger/HyperRepTrigger.node';
