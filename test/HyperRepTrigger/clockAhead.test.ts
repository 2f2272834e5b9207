import { useSandbox } from '../support/sandbox';
import { hyperRepTriggerKit } from '../support/triggerKits';
import { describeClockAhead } from '../support/triggerScenarios';

const sandbox = useSandbox();
describeClockAhead(sandbox, hyperRepTriggerKit(sandbox));
