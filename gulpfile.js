const { src, dest } = require('gulp');

// tsc only emits JavaScript; n8n loads icons and codex files from beside the compiled nodes.
function copyIcons() {
	return src(['nodes/**/*.svg', 'nodes/**/*.node.json', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
