import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { workflowBundlePath, workflowsPath } from '../worker/worker';

// Part of `npm run build`: the workflow code is bundled once, at build time, and every worker
// (production, tests, simulator) loads that file, so no worker pays for webpack at start.
async function main() {
  const { code } = await bundleWorkflowCode({ workflowsPath: workflowsPath(), logger: new DefaultLogger('WARN') });
  fs.mkdirSync(path.dirname(workflowBundlePath()), { recursive: true });
  fs.writeFileSync(workflowBundlePath(), code);
  console.log(`[bundle] ${path.relative(process.cwd(), workflowBundlePath())} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
