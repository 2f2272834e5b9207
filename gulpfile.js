const { src, dest } = require('gulp');

// tsc only emits JavaScript; n8n loads node and credential icons from beside the compiled files.
function copyIcons() {
	return src(['nodes/**/*.svg', 'credentials/**/*.svg'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	);
}

exports['build:icons'] = copyIcons;
