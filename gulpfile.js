const { src, dest, watch } = require('gulp');

// tsc only emits JavaScript; n8n loads icons, codex files and output schemas from beside the compiled nodes.
const ASSETS = ['nodes/**/*.svg', 'nodes/**/*.node.json', 'nodes/**/__schema__/**/*.json', 'credentials/**/*.svg'];
// `npm run build` writes dist/; `npm run dev` the copy of the package its n8n loads (BUILD_DIR).
const OUT = process.env.BUILD_DIR || 'dist';

function copyIcons() {
	return src(ASSETS, { base: '.', encoding: false }).pipe(dest(OUT));
}

exports['build:icons'] = copyIcons;
exports['watch:icons'] = () => watch(ASSETS, copyIcons);
