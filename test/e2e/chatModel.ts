import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * A scripted OpenAI-compatible chat-completions endpoint on loopback, for n8n's OpenAI Chat Model
 * with the credential's Base URL pointed at `url`. The script decides each answer from the
 * request; every request is kept, so a check can read what the model was sent.
 */

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_call_id?: string;
	tool_calls?: unknown[];
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: { properties?: Record<string, unknown>; required?: string[] } };
}

export interface ChatRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
}

export type ChatReply = { toolCall: { name: string; arguments: Record<string, unknown> } } | { text: string };

export class ScriptedChatModel {
	readonly requests: ChatRequest[] = [];
	script: (request: ChatRequest) => ChatReply = () => ({ text: 'No script' });
	url = '';
	private readonly server: Server;

	private constructor() {
		this.server = createServer((req, res) => void this.answer(req, res));
	}

	static async start(): Promise<ScriptedChatModel> {
		const model = new ScriptedChatModel();
		await new Promise<void>((resolve) => model.server.listen(0, '127.0.0.1', resolve));
		const address = model.server.address();
		model.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/v1`;
		return model;
	}

	async stop(): Promise<void> {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private async answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
			res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"error":{"message":"Not found"}}');
			return;
		}
		const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
		this.requests.push(request);
		const message = assistantMessage(this.script(request), this.requests.length);
		const finish = message.tool_calls ? 'tool_calls' : 'stop';
		const base = { id: `chatcmpl-${this.requests.length}`, created: Math.floor(Date.now() / 1000), model: request.model ?? 'scripted' };
		if (!request.stream) {
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			const body = { ...base, object: 'chat.completion', choices: [{ index: 0, message, finish_reason: finish }], usage };
			res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
			return;
		}
		const delta = message.tool_calls
			? { role: 'assistant', tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })) }
			: { role: 'assistant', content: message.content };
		const chunk = (choice: object) => `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [choice] })}\n\n`;
		res.writeHead(200, { 'Content-Type': 'text/event-stream' });
		res.end(`${chunk({ index: 0, delta, finish_reason: null })}${chunk({ index: 0, delta: {}, finish_reason: finish })}data: [DONE]\n\n`);
	}
}

function assistantMessage(reply: ChatReply, count: number) {
	if ('text' in reply) return { role: 'assistant', content: reply.text, tool_calls: undefined };
	const call = { id: `call_${count}`, type: 'function', function: { name: reply.toolCall.name, arguments: JSON.stringify(reply.toolCall.arguments) } };
	return { role: 'assistant', content: null, tool_calls: [call] };
}
