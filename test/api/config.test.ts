import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiConfigFromEnvironment } from '../../api/config';
import { developmentTokens } from '../../api/auth';
import { policyFor } from '../../client/channels';

// The API's configuration from the environment: no server needed.

describe('API configuration', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-config-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: unknown) => {
    const at = path.join(dir, name);
    fs.writeFileSync(at, JSON.stringify(content));
    return at;
  };
  const wang = { id: 'wang', name: 'Wang Fang', role: 'order-desk' };

  it('defaults for development: port 3000, 64 KiB bodies, the company policy and one development token per role', () => {
    const config = apiConfigFromEnvironment({});
    assert.equal(config.port, 3000);
    assert.equal(config.bodyLimit, '64kb');
    assert.equal(config.tokens, developmentTokens);
    assert.deepEqual([...developmentTokens.keys()].sort(), [
      'dev-customer', 'dev-finance', 'dev-order-desk', 'dev-production', 'dev-purchasing', 'dev-qc', 'dev-sales-rep', 'dev-service',
      'dev-supervisor', 'dev-technical', 'dev-warehouse',
    ]);
    assert.equal(policyFor('standard', 'A', config.policy).rules.largeOrderAmount, 1_000_000);
  });

  it('refuses the development tokens in production unless tokens are configured, from JSON or a file', () => {
    assert.throws(() => apiConfigFromEnvironment({ NODE_ENV: 'production' }), /development tokens are refused/);
    const fromJson = apiConfigFromEnvironment({ NODE_ENV: 'production', ORDERFLOW_TOKENS: JSON.stringify({ 'k3y-0f-at-least-16': wang }) });
    assert.deepEqual(fromJson.tokens.get('k3y-0f-at-least-16'), wang);
    assert.equal(fromJson.tokens.get('dev-order-desk'), undefined);
    const fromFile = apiConfigFromEnvironment({ ORDERFLOW_TOKENS_FILE: file('tokens.json', { 'another-long-token-1': wang }) });
    assert.deepEqual([...fromFile.tokens.keys()], ['another-long-token-1']);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_TOKENS: JSON.stringify({ short: wang }) }), /invalid tokens: short/);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_TOKENS: '{nope' }), /ORDERFLOW_TOKENS is not valid JSON/);
  });

  it('reads the policy overrides for new orders from ORDERFLOW_POLICY_FILE, and names a wrong variable', () => {
    const config = apiConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file('policy.json', { rules: { largeOrderAmount: 2_000_000 } }) });
    assert.equal(policyFor('standard', 'A', config.policy).rules.largeOrderAmount, 2_000_000);
    assert.equal(policyFor('standard', 'A', config.policy).clocks.firstConfirmation.after, 'PT2H', 'the defaults fill the rest');
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file('bad.json', { rules: { largeOrderAmount: -1 } }) }), /largeOrderAmount/);
    assert.throws(() => apiConfigFromEnvironment({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_BODY_LIMIT: 'huge' }), /ORDERFLOW_BODY_LIMIT/);
  });
});
