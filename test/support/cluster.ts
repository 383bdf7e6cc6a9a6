import { startCluster, type Cluster } from '../../scripts/cluster';

// The production-shaped Temporal (scripts/cluster.ts: four services on PostgreSQL), started once per
// run on first use and stopped at its end. A cold start builds the server from source: 3.5 minutes on
// 2 idle cores, 14 on 2 busy ones.

export const clusterStartTimeoutMs = 30 * 60_000;

let cluster: Promise<Cluster> | undefined;

export function testCluster(): Promise<Cluster> {
  cluster ??= startCluster();
  return cluster;
}

export async function stopTestCluster() {
  const started = cluster;
  cluster = undefined;
  await (await started?.catch(() => undefined))?.stop();
}
