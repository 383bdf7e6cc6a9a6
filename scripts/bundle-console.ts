import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Part of `npm run build`: the staff console (console/, Preact) bundled into dist/console with its page, style
// and font, so the API serves it offline: nothing is fetched from another origin at run time.
const root = path.join(__dirname, '..', '..');
const source = path.join(root, 'console');
const out = path.join(root, 'dist', 'console');

async function main() {
  const result = await build({
    entryPoints: { app: path.join(source, 'main.tsx'), style: path.join(source, 'style.css') },
    outdir: out,
    // The Chinese face (Noto Sans SC, by subsets the browser fetches as a page needs them) goes along.
    loader: { '.woff2': 'file', '.woff': 'file' },
    assetNames: 'fonts/[name]',
    bundle: true,
    format: 'esm',
    target: 'es2020',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: true,
    sourcemap: true,
    tsconfig: path.join(source, 'tsconfig.json'),
    metafile: true,
    logLevel: 'warning',
  });
  // The console shares the domain's types and pure helpers (calendar.ts), never zod or Node.
  const inputs = Object.keys(result.metafile.inputs);
  const foreign = inputs.filter((input) => /node_modules\/(?!preact\/|@fontsource\/noto-sans-sc\/)/.test(input));
  if (foreign.length > 0) throw new Error(`the console bundle reached beyond preact and its font: ${foreign.join(', ')}`);
  fs.copyFileSync(path.join(source, 'index.html'), path.join(out, 'index.html'));
  const size = fs.statSync(path.join(out, 'app.js')).size;
  console.error(`[bundle] ${path.relative(process.cwd(), path.join(out, 'app.js'))} (${(size / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
