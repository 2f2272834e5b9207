import type { Scenario } from '../scenario';
import { aiAgent } from './aiAgent';
import { binaryRoundTrip } from './binaryRoundTrip';
import { crmLead } from './crmLead';
import { errorOutput } from './onError';
import { followUp } from './followUp';
import { quotePdf } from './quotePdf';
import { retries } from './retries';
import { reviewDigest } from './reviewDigest';
import { timeZone } from './timeZone';

/** The examples first (what a user imports), then what only a real n8n decides. */
export const SCENARIOS: Scenario[] = [crmLead, followUp, quotePdf, reviewDigest, aiAgent, errorOutput, retries, binaryRoundTrip, timeZone];
