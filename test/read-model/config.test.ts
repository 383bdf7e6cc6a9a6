import assert from 'node:assert/strict';
import path from 'node:path';
import { apiConfigFromEnvironment } from '../../api/config';
import { workerConfigFromEnvironment } from '../../worker/config';

// Where the worker and the API find the read model, from one variable read the same way by both.

describe('read model configuration', () => {
  it('is a SQLite file under .data by default, PostgreSQL for a postgres URL, another file for sqlite:<file>', () => {
    const defaults = path.resolve(__dirname, '..', '..', '..', '.data', 'read-model.sqlite');
    assert.deepEqual(workerConfigFromEnvironment({}).readModel, { kind: 'sqlite', file: defaults });
    assert.deepEqual(apiConfigFromEnvironment({}).readModel, { kind: 'sqlite', file: defaults });
    for (const url of ['postgres://orderflow:secret@db:5432/orderflow', 'postgresql://db/orderflow']) {
      assert.deepEqual(workerConfigFromEnvironment({ ORDERFLOW_DATABASE_URL: url }).readModel, { kind: 'postgres', url });
      assert.deepEqual(apiConfigFromEnvironment({ ORDERFLOW_DATABASE_URL: url }).readModel, { kind: 'postgres', url });
    }
    assert.deepEqual(apiConfigFromEnvironment({ ORDERFLOW_DATABASE_URL: 'sqlite:/var/lib/orderflow/read-model.sqlite' }).readModel, {
      kind: 'sqlite',
      file: '/var/lib/orderflow/read-model.sqlite',
    });
  });

  it('names the variable when the URL is neither, without echoing it', () => {
    assert.throws(
      () => workerConfigFromEnvironment({ ORDERFLOW_DATABASE_URL: 'mysql://u:secret@db/x' }),
      (error: Error) => {
        assert.match(error.message, /ORDERFLOW_DATABASE_URL must be postgres:\/\//);
        assert.doesNotMatch(error.message, /secret/);
        return true;
      },
    );
  });

  it('requires a customer file for new orders only when told to', () => {
    assert.equal(apiConfigFromEnvironment({}).requireCustomerFile, false);
    assert.equal(apiConfigFromEnvironment({ ORDERFLOW_REQUIRE_CUSTOMER_FILE: 'true' }).requireCustomerFile, true);
    assert.throws(() => apiConfigFromEnvironment({ ORDERFLOW_REQUIRE_CUSTOMER_FILE: 'yes' }), /ORDERFLOW_REQUIRE_CUSTOMER_FILE/);
  });
});
