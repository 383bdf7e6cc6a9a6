// `npm run test:cluster`: the end-to-end and API suites, and the cluster's own tests, against the
// production-shaped Temporal of scripts/cluster.ts (started first by the on-cluster root hook).
const base = require('./.mocharc.json');

module.exports = {
  ...base,
  spec: ['dist/test/cluster/**/*.test.js', 'dist/test/e2e/**/*.test.js', 'dist/test/api/**/*.test.js'],
  require: [...base.require, 'dist/test/support/on-cluster.js'],
};
