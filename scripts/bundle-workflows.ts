import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundlePath, workflowsPath } from '../worker/worker';

// Part of `npm run build`: the workflow code is bundled once, at build time, and every worker
// (production, tests, simulator) loads that file, so no worker pays for webpack at start.
async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
  // Every module in the bundle is evaluated again for each cached workflow: zod there cost ~2 MiB
  // and much CPU per open order. The workflow checks events with generated validators instead.
  if (code.includes('node_modules/zod/')) {
    throw new Error(
      'zod reached the workflow bundle: import schemas only with `import type` in workflows/ (see scripts/generate-validators.ts)',
    );
  }
  fs.mkdirSync(path.dirname(workflowBundlePath()), { recursive: true });
  fs.writeFileSync(workflowBundlePath(), code);
  // On stderr: stdout is for what a script run after the build prints (the simulator's --json).
  console.error(`[bundle] ${path.relative(process.cwd(), workflowBundlePath())} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
