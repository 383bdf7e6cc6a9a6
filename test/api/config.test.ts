import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { apiConfigFromEnvironment } from '../../api/config';
import { developmentTokens, findPerson, tokenHash } from '../../api/auth';
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
    assert.deepEqual([...developmentTokens.values()].map(({ person }) => person.id).sort(), [
      'dev-customer',
      'dev-finance',
      'dev-general-manager',
      'dev-group-sales-manager',
      'dev-operator',
      'dev-order-desk',
      'dev-production',
      'dev-purchasing',
      'dev-qc',
      'dev-regional-manager',
      'dev-sales-rep',
      'dev-service',
      'dev-supervisor',
      'dev-technical',
      'dev-warehouse',
    ]);
    assert.equal(findPerson(developmentTokens, 'dev-customer')?.customerId, 'C-DEV', 'the development customer is bound to customer C-DEV');
    assert.equal(policyFor('standard', 'A', config.policy).rules.largeOrderAmount, 1_000_000);
  });

  it('refuses the development tokens in production unless tokens are configured, from JSON or a file', () => {
    assert.throws(() => apiConfigFromEnvironment({ NODE_ENV: 'production' }), /development tokens are refused/);
    const fromJson = apiConfigFromEnvironment({ NODE_ENV: 'production', ORDERFLOW_TOKENS: JSON.stringify({ 'k3y-0f-at-least-16': wang }) });
    assert.deepEqual(findPerson(fromJson.tokens, 'k3y-0f-at-least-16'), wang);
    assert.equal(findPerson(fromJson.tokens, 'dev-order-desk'), undefined);
    const fromFile = apiConfigFromEnvironment({ ORDERFLOW_TOKENS_FILE: file('tokens.json', { 'another-long-token-1': wang }) });
    assert.deepEqual(
      [...fromFile.tokens.values()].map(({ person }) => person),
      [wang],
    );
    assert.deepEqual(findPerson(fromFile.tokens, 'another-long-token-1'), wang);
    assert.throws(
      () => apiConfigFromEnvironment({ ORDERFLOW_TOKENS: JSON.stringify({ short: wang }) }),
      /invalid tokens: token 1 \(wang\): key must be/,
    );
    assert.throws(
      () => apiConfigFromEnvironment({ ORDERFLOW_TOKENS: '{"a-secret-token-123": nope' }),
      (error: Error) => /^ORDERFLOW_TOKENS is not valid JSON$/.test(error.message),
      'a parse error quotes nothing of the secret',
    );
  });

  it('keeps tokens by hash: a token file may hold sha256:<hex> instead of the token, and a customer token names its customer', () => {
    const token = 'of_a-token-only-its-holder-knows';
    const li = { id: 'li', name: '李娜', role: 'customer', customerId: '宁波灯具-7' };
    const config = apiConfigFromEnvironment({
      NODE_ENV: 'production',
      ORDERFLOW_TOKENS_FILE: file('hashed.json', { [`sha256:${tokenHash(token).toUpperCase()}`]: li }),
    });
    assert.deepEqual(findPerson(config.tokens, token), li);
    assert.equal(findPerson(config.tokens, `sha256:${tokenHash(token)}`), undefined, 'the hash is not itself a token');
    const refused = (tokens: object) => {
      try {
        apiConfigFromEnvironment({ ORDERFLOW_TOKENS: JSON.stringify(tokens) });
      } catch (error) {
        return (error as Error).message;
      }
      assert.fail(`accepted ${JSON.stringify(tokens)}`);
    };
    assert.match(refused({ [token]: { ...li, customerId: undefined } }), /token 1 \(li\): customerId: a customer token names its customer/);
    assert.match(refused({ [token]: { ...wang, customerId: 'C-7' } }), /customerId: only a customer token names a customer/);
    assert.match(refused({ [token]: { ...wang, role: 'system' } }), /role/);
    assert.match(refused({ [token]: { ...li, customerId: 'C"7' } }), /customerId: printable characters/);
    assert.match(refused({ 'sha256:abc': wang }), /key must be/);
    assert.match(refused({ [token]: wang, [`sha256:${tokenHash(token)}`]: li }), /token 2 \(li\): the same token as an earlier entry/);
    for (const message of [
      refused({ [token]: { ...li, customerId: undefined } }),
      refused({ [token]: wang, [`sha256:${tokenHash(token)}`]: li }),
    ]) {
      assert.ok(!message.includes(token) && !message.includes(tokenHash(token)), `no token in: ${message}`);
    }
  });

  it('reads the policy overrides for new orders from ORDERFLOW_POLICY_FILE, and names a wrong variable', () => {
    const config = apiConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file('policy.json', { rules: { largeOrderAmount: 2_000_000 } }) });
    assert.equal(policyFor('standard', 'A', config.policy).rules.largeOrderAmount, 2_000_000);
    assert.equal(policyFor('standard', 'A', config.policy).clocks.firstConfirmation.after, 'PT2H', 'the defaults fill the rest');
    assert.throws(
      () => apiConfigFromEnvironment({ ORDERFLOW_POLICY_FILE: file('bad.json', { rules: { largeOrderAmount: -1 } }) }),
      /largeOrderAmount/,
    );
    // 团订 sales pipeline: the department's standards the API checks reps against.
    assert.throws(
      () =>
        apiConfigFromEnvironment({
          ORDERFLOW_POLICY_FILE: file('bad-standards.json', { reports: { groupSales: { pipelineAtLeast: 'many' } } }),
        }),
      /reports: groupSales\.pipelineAtLeast/,
    );
    assert.throws(() => apiConfigFromEnvironment({ PORT: 'eighty' }), /PORT/);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_BODY_LIMIT: 'huge' }), /ORDERFLOW_BODY_LIMIT/);
  });
});
