/** The lane's checks: each passes or fails with a reason; the summary ends with `N passed, M failed`. */

interface Result {
	section: string;
	name: string;
	failure?: string;
}

export class Report {
	private readonly results: Result[] = [];
	private current = '';

	section(title: string): void {
		this.current = title;
		console.log(`\n▶ ${title}`);
	}

	note(line: string): void {
		console.log(`  ${line}`);
	}

	async check(name: string, assertion: () => void | Promise<void>): Promise<boolean> {
		const result: Result = { section: this.current, name };
		try {
			await assertion();
		} catch (error) {
			result.failure = error instanceof Error ? error.message : String(error);
		}
		this.results.push(result);
		console.log(result.failure === undefined ? `  ✓ ${name}` : `  ✗ ${name}\n${indent(result.failure)}`);
		return result.failure === undefined;
	}

	/** Prints the failures again and the closing line; returns how many failed. */
	finish(): number {
		const failed = this.results.filter((result) => result.failure !== undefined);
		if (failed.length > 0) {
			console.log('\nFailed:');
			for (const result of failed) console.log(`  ✗ ${result.section}: ${result.name}`);
		}
		console.log(`\n${this.results.length - failed.length} passed, ${failed.length} failed`);
		return failed.length;
	}
}

function indent(text: string): string {
	return text
		.split('\n')
		.slice(0, 12)
		.map((line) => `      ${line}`)
		.join('\n');
}
