import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

// Part of `npm run build`: the staff console (console/, Preact) bundled into dist/console with its page and
// style, so the API serves it offline: nothing is fetched from another origin at run time.
const root = path.join(__dirname, '..', '..');
const source = path.join(root, 'console');
const out = path.join(root, 'dist', 'console');

async function main() {
  const result = await build({
    entryPoints: [path.join(source, 'main.tsx')],
    outfile: path.join(out, 'app.js'),
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
  const foreign = inputs.filter((input) => /node_modules\/(?!preact\/)/.test(input));
  if (foreign.length > 0) throw new Error(`the console bundle reached beyond preact: ${foreign.join(', ')}`);
  for (const file of ['index.html', 'style.css']) fs.copyFileSync(path.join(source, file), path.join(out, file));
  const size = fs.statSync(path.join(out, 'app.js')).size;
  console.error(`[bundle] ${path.relative(process.cwd(), path.join(out, 'app.js'))} (${(size / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
