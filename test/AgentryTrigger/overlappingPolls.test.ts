import { useSandbox } from '../support/sandbox';
import { agentryTriggerKit } from '../support/triggerKits';
import { describeOverlappingPolls } from '../support/triggerScenarios';

describeOverlappingPolls(agentryTriggerKit(useSandbox()));
