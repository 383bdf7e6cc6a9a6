import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dynamicConfigFlags, resolveTemporalBinary, serverDynamicConfig } from '../../scripts/temporal-servers';

// How the project finds its Temporal binaries on an offline machine.
describe('Temporal binaries', () => {
  it('finds the pinned CLI and test server that npm install put in .temporal/pip', () => {
    for (const kind of ['cli', 'testServer'] as const) {
      const { executable, source } = resolveTemporalBinary(kind, {});
      assert.equal(executable.type, 'existing-path', source);
      assert.match(source, /project-local/);
    }
  });

  it('stops with the fix when the configured binary does not run', () => {
    assert.throws(
      () => resolveTemporalBinary('testServer', { TEMPORAL_TEST_SERVER_PATH: '/bin/false' }),
      /TEMPORAL_TEST_SERVER_PATH=\/bin\/false does not run as the Temporal testServer\. Run `npm install`/,
    );
  });

  it('prefers the environment variable over the project-local install', () => {
    const local = resolveTemporalBinary('cli', {});
    assert.equal(local.executable.type, 'existing-path');
    const fromEnv = resolveTemporalBinary('cli', { TEMPORAL_CLI_PATH: (local.executable as { path: string }).path });
    assert.equal(fromEnv.source, 'TEMPORAL_CLI_PATH');
  });

  it('gives the dev servers and the docker compose server the same dynamic config (eager activities)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'deploy', 'dynamicconfig', 'orderflow.yaml'), 'utf8');
    const inFile = Object.fromEntries(
      [...file.matchAll(/^([\w.]+):\n\s+- value: (.+)$/gm)].map(([, key, value]) => [key, JSON.parse(value) as unknown]),
    );
    assert.deepEqual(inFile, serverDynamicConfig);
    assert.deepEqual(dynamicConfigFlags(), ['--dynamic-config-value', 'system.enableActivityEagerExecution=true']);
  });
});
