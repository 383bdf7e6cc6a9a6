import fs from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { sandboxSettings, workflowBundlePath, workflowsPath } from '../worker/worker';

// Part of `npm run build`: the workflow code is bundled once, at build time, and every worker
// (production, tests, simulator) loads that file, so no worker pays for webpack at start.
async function main() {
  const { code } = await bundleWorkflowCode({
    workflowsPath: workflowsPath(),
    preloadModules: [...sandboxSettings(), ...sharedModules.map((name) => path.join(path.dirname(workflowsPath()), name))],
    logger: new DefaultLogger('WARN'),
  });
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

/**
 * Modules the worker evaluates once, when it loads the bundle, and shares between all the workflows it
 * runs (the SDK's `preloadModules`; every other module is evaluated again for each cached workflow, which
 * cost memory per open order and CPU per replay: the label and route tables, the calendar's and the
 * money's Intl formatters). Only modules that keep no state of a workflow's own and never change what
 * they export (the SDK freezes it): pure functions over the order's state and constant tables, none
 * of them using the workflow API. Not the validators: Ajv's functions keep their last errors on themselves.
 */
const sharedModules = [
  'calendar',
  'duration',
  'money',
  'labels',
  'field-labels',
  'permissions',
  'route',
  'route-library',
  'state',
  'ledger',
  'watch',
  'snapshot',
  'apply',
  'complaints',
  'contract',
  'distributor',
  'group',
  'store',
].map((name) => `domain/${name}`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
