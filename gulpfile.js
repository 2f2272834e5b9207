const { src, dest } = require('gulp');

// tsc only emits JavaScript; n8n loads icons, codex files and output schemas from beside the compiled nodes.
function copyIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json', 'credentials/**/*.svg'], {
		base: '.',
		encoding: false,
	}).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
