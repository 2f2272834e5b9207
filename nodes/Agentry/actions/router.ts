import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/operations';
import { agentryApi } from '../api';
import * as attachment from './attachment/Attachment.resource';
import * as draft from './draft/Draft.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations(this, agentryApi, {
		attachment: attachment.operations,
		draft: draft.operations,
	});
}
