import { useSandbox } from '../support/sandbox';
import { hyperRepTriggerKit } from '../support/triggerKits';
import { describeOverlappingPolls } from '../support/triggerScenarios';

describeOverlappingPolls(hyperRepTriggerKit(useSandbox()));
