import { ActiveTrigger } from '../harness/poll';
import { hyperRepCredentials, useSandbox } from '../support/sandbox';

const sandbox = useSandbox();

test('a Folder filter with a line break is refused before any request', async () => {
	const spec = {
		type: 'hyperRepTrigger',
		parameters: { event: 'newMessageDraft', filters: { folder: { __rl: true, mode: 'name', value: 'sales\r\nx' } } },
		credentials: hyperRepCredentials(sandbox()),
	};
	await expect(ActiveTrigger.activate(spec)).rejects.toThrow(/^Folder contains a control character \(carriage return at position 6\)/);
	expect(sandbox().log).toEqual([]);
});
