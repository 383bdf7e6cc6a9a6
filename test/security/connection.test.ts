import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporalSettings } from '../../worker/connection';

// How the worker and the API resolve their Temporal connection from the environment and from a
// Temporal config file profile (@temporalio/envconfig): plain, API key, TLS, mutual TLS.

// Certificates come back as bytes (Uint8Array or Buffer).
const text = (bytes?: Uint8Array) => bytes && Buffer.from(bytes).toString();

describe('Temporal connection settings', () => {
  let dir: string;
  let file: (name: string, text: string) => string;
  // Every case names its own config file, so a developer's ~/.config/temporalio/temporal.toml cannot leak in.
  let settings: (env: Record<string, string>) => ReturnType<typeof temporalSettings>;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orderflow-connection-'));
    file = (name, text) => {
      const at = path.join(dir, name);
      fs.writeFileSync(at, text);
      return at;
    };
    settings = (env) => temporalSettings({ TEMPORAL_CONFIG_FILE: path.join(dir, 'absent.toml'), ...env });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('defaults to the local dev server without TLS', () => {
    const s = settings({});
    assert.equal(s.address, 'localhost:7233');
    assert.equal(s.namespace, 'default');
    assert.equal(s.taskQueue, 'orders');
    assert.equal(s.connection.tls, undefined);
    assert.equal(s.connection.apiKey, undefined);
  });

  it('treats empty variables as unset', () => {
    const s = settings({ TEMPORAL_ADDRESS: '', TEMPORAL_NAMESPACE: '', TEMPORAL_API_KEY: '' });
    assert.equal(s.address, 'localhost:7233');
    assert.equal(s.namespace, 'default');
    assert.equal(s.connection.apiKey, undefined);
  });

  it('an API key implies TLS', () => {
    const s = settings({ TEMPORAL_ADDRESS: 'ns.a1b2c.tmprl.cloud:7233', TEMPORAL_NAMESPACE: 'ns.a1b2c', TEMPORAL_API_KEY: 'secret-key' });
    assert.equal(s.connection.address, 'ns.a1b2c.tmprl.cloud:7233');
    assert.equal(s.namespace, 'ns.a1b2c');
    assert.equal(s.connection.apiKey, 'secret-key');
    assert.ok(s.connection.tls);
  });

  it('TEMPORAL_TLS=true gives TLS without a client certificate', () => {
    const tls = settings({ TEMPORAL_TLS: 'true' }).connection.tls;
    assert.ok(tls && typeof tls === 'object');
    assert.equal(tls.clientCertPair, undefined);
  });

  it('mutual TLS from the standard variables, with a private CA and server name', () => {
    const s = settings({
      TEMPORAL_TLS_CLIENT_CERT_PATH: file('client.pem', 'CERT'),
      TEMPORAL_TLS_CLIENT_KEY_PATH: file('client.key', 'KEY'),
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: file('ca.pem', 'CA'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    const tls = s.connection.tls;
    assert.ok(tls && typeof tls === 'object');
    assert.equal(text(tls.clientCertPair?.crt), 'CERT');
    assert.equal(text(tls.clientCertPair?.key), 'KEY');
    assert.equal(text(tls.serverRootCACertificate), 'CA');
    assert.equal(tls.serverNameOverride, 'temporal.internal');
  });

  it('keeps the earlier TEMPORAL_TLS_CERT_PATH / _KEY_PATH / _CA_PATH names working', () => {
    const tls = settings({
      TEMPORAL_TLS_CERT_PATH: file('old.pem', 'OLD-CERT'),
      TEMPORAL_TLS_KEY_PATH: file('old.key', 'OLD-KEY'),
      TEMPORAL_TLS_CA_PATH: file('old-ca.pem', 'OLD-CA'),
    }).connection.tls;
    assert.ok(tls && typeof tls === 'object');
    assert.equal(text(tls.clientCertPair?.crt), 'OLD-CERT');
    assert.equal(text(tls.clientCertPair?.key), 'OLD-KEY');
    assert.equal(text(tls.serverRootCACertificate), 'OLD-CA');
  });

  it('refuses a client certificate without its key, naming both variables', () => {
    assert.throws(
      () => settings({ TEMPORAL_TLS_CLIENT_CERT_PATH: file('lonely.pem', 'CERT') }),
      /TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH/,
    );
    assert.throws(() => settings({ TEMPORAL_TLS_KEY_PATH: file('lonely.key', 'KEY') }), /both/);
  });

  it('reads a profile from TEMPORAL_CONFIG_FILE and TEMPORAL_PROFILE; the environment wins', () => {
    const config = file(
      'temporal.toml',
      [
        '[profile.default]',
        'address = "localhost:7233"',
        '[profile.prod]',
        'address = "temporal.example.com:7233"',
        'namespace = "orders-prod"',
        `[profile.prod.tls]`,
        `client_cert_path = "${file('prod.pem', 'PROD-CERT')}"`,
        `client_key_path = "${file('prod.key', 'PROD-KEY')}"`,
        '[profile.prod.grpc_meta]',
        'tenant = "lamps"',
      ].join('\n'),
    );
    const prod = temporalSettings({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'prod' });
    assert.equal(prod.address, 'temporal.example.com:7233');
    assert.equal(prod.namespace, 'orders-prod');
    const tls = prod.connection.tls;
    assert.ok(tls && typeof tls === 'object');
    assert.equal(text(tls.clientCertPair?.crt), 'PROD-CERT');
    assert.deepEqual(prod.connection.metadata, { tenant: 'lamps' });

    const overridden = temporalSettings({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'prod', TEMPORAL_NAMESPACE: 'orders-staging' });
    assert.equal(overridden.namespace, 'orders-staging');
    assert.equal(overridden.address, 'temporal.example.com:7233');
  });

  it('an unknown profile is an error, not a silent fall-back to the dev server', () => {
    const config = file('only-default.toml', '[profile.default]\naddress = "localhost:7233"\n');
    assert.throws(() => temporalSettings({ TEMPORAL_CONFIG_FILE: config, TEMPORAL_PROFILE: 'prod' }), /prod/);
  });
});
