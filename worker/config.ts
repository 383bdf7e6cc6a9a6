import path from 'node:path';
import { z } from 'zod';
import { robotsConfigFromFile, type RobotsConfig } from '../activities/robots';
import { issueList } from '../client/issues';
import { readModelLocation, type ReadModelLocation } from '../read-model/database';
import { reportSettingsFrom } from '../client/reports-policy';
import type { ReportSettings } from '../workflows/reports/types';
import { temporalSettings, type TemporalSettings } from './connection';

// The worker's configuration, all from the environment, read once at start and checked with zod
// (the Temporal connection through @temporalio/envconfig, in connection.ts; the log settings in
// log.ts). A wrong value stops the process with one line naming the variable (exit 78).

export interface WorkerConfig {
  temporal: TemporalSettings;
  /** Where the outbox keeps every message. */
  outboxDir: string;
  /** Every message is also POSTed here, when set. */
  webhookUrl?: string;
  /** Group robots and their routing (ORDERFLOW_ROBOTS_FILE), when set. */
  robots?: RobotsConfig;
  /** Open orders kept in memory; evicted ones are replayed when a timer or an event wakes them. */
  maxCachedWorkflows?: number;
  /** `host:port` for the SDK's Prometheus metrics, when set. */
  metricsAddress?: string;
  /** The workflow thread's V8 heap (old space), MiB. */
  workflowHeapMiB?: number;
  /** The read model the orders project themselves into (ORDERFLOW_DATABASE_URL). */
  readModel: ReadModelLocation;
  /** The calendar and the reports' policy, read from ORDERFLOW_POLICY_FILE each time (the report schedules and each run). */
  reportSettings: () => ReportSettings;
  /** Create or update the reports' schedules at start (ORDERFLOW_REPORT_SCHEDULES, default true). */
  reportSchedules: boolean;
}

const Environment = z.object({
  ORDERFLOW_OUTBOX_DIR: z.string().optional(),
  ORDERFLOW_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  ORDERFLOW_ROBOTS_FILE: z.string().optional(),
  ORDERFLOW_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(1).max(100_000).optional(),
  ORDERFLOW_WORKFLOW_HEAP_MB: z.coerce.number().int().min(128).max(65_536).optional(),
  ORDERFLOW_DATABASE_URL: z.string().optional(),
  ORDERFLOW_POLICY_FILE: z.string().optional(),
  ORDERFLOW_REPORT_SCHEDULES: z.enum(['true', 'false']).default('true'),
  ORDERFLOW_WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:]+:\d{1,5}$|^\[[0-9a-f:]+\]:\d{1,5}$/i, 'host:port, e.g. 127.0.0.1:9465')
    .optional(),
});

export function workerConfigFromEnvironment(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  // An empty variable (compose's `${X:-}` when .env lacks it) means unset.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Environment.safeParse(set);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${issueList(parsed.error.issues)}`);
  }
  const e = parsed.data;
  return {
    temporal: temporalSettings(set),
    outboxDir: e.ORDERFLOW_OUTBOX_DIR ?? path.resolve(__dirname, '..', '..', '.data', 'outbox'),
    webhookUrl: e.ORDERFLOW_WEBHOOK_URL,
    robots: e.ORDERFLOW_ROBOTS_FILE ? robotsConfigFromFile(e.ORDERFLOW_ROBOTS_FILE) : undefined,
    maxCachedWorkflows: e.ORDERFLOW_MAX_CACHED_WORKFLOWS,
    metricsAddress: e.ORDERFLOW_WORKER_METRICS_ADDRESS,
    workflowHeapMiB: e.ORDERFLOW_WORKFLOW_HEAP_MB,
    readModel: readModelLocation(e.ORDERFLOW_DATABASE_URL),
    reportSettings: checked(reportSettingsFrom(e.ORDERFLOW_POLICY_FILE)),
    reportSchedules: e.ORDERFLOW_REPORT_SCHEDULES === 'true',
  };
}

/** Reads the settings once now, so a policy file the reports cannot run with stops the start. */
function checked(settings: () => ReportSettings): () => ReportSettings {
  try {
    settings();
  } catch (error) {
    throw new Error(`ORDERFLOW_POLICY_FILE: ${(error as Error).message}`, { cause: error });
  }
  return settings;
}
