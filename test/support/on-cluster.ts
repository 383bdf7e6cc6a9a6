import { clusterStartTimeoutMs, testCluster } from './cluster';

// Mocha root hook for `npm run test:cluster`: the cluster starts before any test, and TEMPORAL_ADDRESS
// points the end-to-end and API suites (test/support/servers.ts) at it.
export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(clusterStartTimeoutMs);
    const cluster = await testCluster();
    process.env.TEMPORAL_ADDRESS = cluster.address;
    process.env.TEMPORAL_NAMESPACE = cluster.namespace;
  },
};
