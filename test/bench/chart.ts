import type { Check, ScenarioResult } from './report';

/**
 * The bench's figures that compare the node with a reference (raw axios, n8n's HTTP Request node,
 * the best fixed window) drawn as one bar each: the node's time as a multiple of the reference's,
 * with the target as a mark. docs/performance.md shows the chart the last `npm run bench` drew, so
 * the figures a reader sees are the bench's own, not copied by hand.
 */

export interface Bar {
	label: string;
	ratio: number;
	/** The ratio the check must stay at or below, when it has a target. */
	limit?: number;
	pass?: boolean;
}

const RATIO = /^(\d+(?:\.\d+)?)x\b/;
const LIMIT = /^(?:<=|≤)\s*(\d+(?:\.\d+)?)x$/;

/** A check whose measured value starts with a ratio ("0.91x (849 ms vs 929 ms)") becomes a bar. */
export function barOf(check: Check): Bar | undefined {
	const ratio = RATIO.exec(check.measured.trim());
	if (!ratio) return undefined;
	const limit = LIMIT.exec(check.target.trim());
	return {
		label: `${check.scenario}: ${check.metric}`,
		ratio: Number(ratio[1]),
		limit: limit ? Number(limit[1]) : undefined,
		pass: check.pass,
	};
}

const WIDTH = 900;
const LABEL_WIDTH = 520;
const ROW = 22;
const TOP = 48;
const BOTTOM = 36;

function escape(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An SVG bar chart of every ratio the bench measured; undefined when the run measured none. */
export function drawChart(results: ScenarioResult[], caption: string): string | undefined {
	const bars = results.flatMap((result) => result.checks.map(barOf)).filter((bar): bar is Bar => bar !== undefined);
	if (bars.length === 0) return undefined;
	const scaleMax = Math.max(1.5, ...bars.map((bar) => Math.max(bar.ratio, bar.limit ?? 0))) * 1.05;
	const plotWidth = WIDTH - LABEL_WIDTH - 70;
	const x = (ratio: number) => LABEL_WIDTH + (ratio / scaleMax) * plotWidth;
	const height = TOP + bars.length * ROW + BOTTOM;
	const rows = bars.map((bar, index) => {
		const y = TOP + index * ROW;
		const colour = bar.pass === false ? '#d9534f' : '#4a7bd0';
		const mark =
			bar.limit === undefined
				? ''
				: `<line x1="${x(bar.limit)}" x2="${x(bar.limit)}" y1="${y + 2}" y2="${y + ROW - 2}" stroke="#222" stroke-width="2"/>`;
		return [
			`<text x="${LABEL_WIDTH - 8}" y="${y + 15}" text-anchor="end">${escape(bar.label)}</text>`,
			`<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${x(bar.ratio) - LABEL_WIDTH}" height="${ROW - 8}" fill="${colour}"/>`,
			mark,
			`<text x="${x(bar.ratio) + 6}" y="${y + 15}">${bar.ratio.toFixed(2)}x</text>`,
		].join('');
	});
	const one = x(1);
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
		`<rect width="100%" height="100%" fill="#fff"/>`,
		`<text x="10" y="20" font-size="14" font-weight="bold">${escape('Time of the node as a multiple of the reference (lower is better; black mark: target)')}</text>`,
		`<text x="10" y="38" fill="#555">${escape(caption)}</text>`,
		`<line x1="${one}" x2="${one}" y1="${TOP}" y2="${height - BOTTOM}" stroke="#999" stroke-dasharray="4 3"/>`,
		`<text x="${one}" y="${height - BOTTOM + 16}" text-anchor="middle" fill="#555">1.0x</text>`,
		...rows,
		'</svg>',
		'',
	].join('\n');
}
