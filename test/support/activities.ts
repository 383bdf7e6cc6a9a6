import assert from 'node:assert/strict';
import { ApplicationFailure } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { NOTICE_UNDELIVERABLE } from '../../activities';

// What the activity tests share: an activity run outside a worker, and the failure an outbox gives up with.

/** An activity environment that logs only errors: the failures the tests provoke are expected. */
export const quietActivityEnvironment = () => new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') });

/** For `assert.rejects`: the notice was refused for good (a dead letter at once, never retried), for the reason given. */
export const undeliverable = (reason: RegExp) => (error: unknown) => {
  assert.ok(error instanceof ApplicationFailure, String(error));
  assert.equal(error.type, NOTICE_UNDELIVERABLE);
  assert.equal(error.nonRetryable, true);
  assert.match(error.message, reason);
  return true;
};
