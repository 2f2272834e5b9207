import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeOperations } from '../../shared/operations';
import { hyperRepApi } from '../api';
import * as messageDraft from './messageDraft/MessageDraft.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperations(this, hyperRepApi, { messageDraft: messageDraft.operations });
}
