import { barOf, drawChart } from './chart';
import type { ScenarioResult } from './report';

const result: ScenarioResult = {
	name: 'Real n8n',
	settings: {},
	figures: {},
	checks: [
		{ scenario: 'Real n8n, HyperRep 20 ms', metric: 'node vs HTTP Request', target: '<= 1.0x', measured: '0.56x (497 ms vs 890 ms)', pass: true },
		{ scenario: 'Bulk create <Agentry>', metric: 'concurrency 10 vs raw axios', target: '<= 1.20x', measured: '1.23x (runs 1.1-1.3)', pass: false },
		{ scenario: 'Cold start', metric: 'npm pack tarball', target: '< 150 kB', measured: '81 kB' },
	],
};

describe('the bench chart', () => {
	it('draws a bar for each ratio, with its target, and leaves other figures out', () => {
		expect(result.checks.map(barOf)).toEqual([
			{ label: 'Real n8n, HyperRep 20 ms: node vs HTTP Request', ratio: 0.56, limit: 1, pass: true },
			{ label: 'Bulk create <Agentry>: concurrency 10 vs raw axios', ratio: 1.23, limit: 1.2, pass: false },
			undefined,
		]);
	});

	it('is an SVG with one labelled bar per ratio, a missed target in red, and labels escaped', () => {
		const svg = drawChart([result], 'caption & machine') ?? '';
		expect(svg.startsWith('<svg')).toBe(true);
		expect(svg.match(/<rect x=/g)).toHaveLength(2);
		expect(svg).toContain('0.56x');
		expect(svg).toContain('fill="#d9534f"');
		expect(svg).toContain('Bulk create &lt;Agentry&gt;');
		expect(svg).toContain('caption &amp; machine');
	});

	it('draws nothing for a run without ratios', () => {
		expect(drawChart([{ ...result, checks: [result.checks[2]] }], '')).toBeUndefined();
	});
});
