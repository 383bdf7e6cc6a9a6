import fs from 'node:fs';
import { z } from 'zod';
import { channelForms, policyFor, type PolicyFile } from '../client/channels';
import { issueList } from '../client/issues';
import { reportSettings } from '../client/reports-policy';
import { CustomerClass, type Channel } from '../workflows/domain/order';
import { readModelLocation, type ReadModelLocation } from '../read-model/database';
import { developmentTokens, tokensFrom, type Tokens } from './auth';
import { documentSettings } from './documents/letterhead';

// The API's configuration, all from the environment, read once at start (Temporal's own settings
// are worker/connection.ts's). A wrong value stops the process with the variable's name.

export interface ApiConfig {
  port: number;
  /** The interface the API listens on: loopback unless told otherwise (behind a reverse proxy, or 0.0.0.0 in a container). */
  host: string;
  /** Express's `trust proxy`: which hops' X-Forwarded-For/-Proto to believe (none unless set). */
  trustProxy: boolean | number | string;
  /** Largest request body express accepts (bytes, or `64kb` style). */
  bodyLimit: string;
  /** How long one request may wait for Temporal (an order with no worker polling waits forever otherwise). */
  temporalTimeoutMs: number;
  /** Event requests one order may have in flight in this process; more are answered 429. */
  maxInFlightPerOrder: number;
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  /** Where operators scrape the API's Prometheus metrics (on ORDERFLOW_HOST); none when unset. */
  metricsPort?: number;
  tokens: Tokens;
  /** The policy file new orders start with, per channel and customer class, snapshotted into each; running orders keep theirs. */
  policy: PolicyFile;
  /** The read model (board, KPIs, customer file): ORDERFLOW_DATABASE_URL, the worker's too. */
  readModel: ReadModelLocation;
  /** Refuse an order whose customer has no file (off until every caller creates the files first). */
  requireCustomerFile: boolean;
}

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ORDERFLOW_HOST: z.string().optional(),
  ORDERFLOW_TRUST_PROXY: z.string().optional(),
  ORDERFLOW_LOG_LEVEL: z
    .string()
    .regex(/^(trace|debug|info|warn|error)$/i, 'one of TRACE, DEBUG, INFO, WARN, ERROR')
    .optional(),
  ORDERFLOW_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)?$/i, 'bytes, e.g. 65536 or 64kb')
    .default('64kb'),
  // Well below 10 s, so that a caller learns of an outage (503) within 10 s, answer included, on a busy machine too (8 s once took 10.15 s).
  ORDERFLOW_TEMPORAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(7000),
  // Temporal refuses more than 10 in-flight updates per order by default; stay under it.
  ORDERFLOW_MAX_INFLIGHT_PER_ORDER: z.coerce.number().int().min(1).max(1000).default(8),
  // Unset: no metrics listener (two processes on one machine would fight over a fixed default).
  ORDERFLOW_METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  ORDERFLOW_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  ORDERFLOW_TOKENS: z.string().optional(),
  ORDERFLOW_TOKENS_FILE: z.string().optional(),
  ORDERFLOW_POLICY_FILE: z.string().optional(),
  ORDERFLOW_DATABASE_URL: z.string().optional(),
  ORDERFLOW_REQUIRE_CUSTOMER_FILE: z.enum(['true', 'false']).default('false'),
  NODE_ENV: z.string().optional(),
});

export function apiConfigFromEnvironment(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${issueList(parsed.error.issues)}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.ORDERFLOW_HOST || '127.0.0.1',
    trustProxy: trustProxyOf(e.ORDERFLOW_TRUST_PROXY),
    bodyLimit: e.ORDERFLOW_BODY_LIMIT,
    temporalTimeoutMs: e.ORDERFLOW_TEMPORAL_TIMEOUT_MS,
    maxInFlightPerOrder: e.ORDERFLOW_MAX_INFLIGHT_PER_ORDER,
    shutdownTimeoutMs: e.ORDERFLOW_SHUTDOWN_TIMEOUT_MS,
    metricsPort: e.ORDERFLOW_METRICS_PORT,
    tokens: configuredTokens(e),
    policy: checkedPolicy(e.ORDERFLOW_POLICY_FILE ? (readJson(e.ORDERFLOW_POLICY_FILE, 'ORDERFLOW_POLICY_FILE') as PolicyFile) : {}),
    readModel: readModelLocation(e.ORDERFLOW_DATABASE_URL),
    requireCustomerFile: e.ORDERFLOW_REQUIRE_CUSTOMER_FILE === 'true',
  };
}

/** `loopback`, a hop count, addresses or subnets (comma-separated), or true/false, as express takes them. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Configured tokens when given; otherwise the development tokens, which production refuses to start with. */
function configuredTokens(e: z.infer<typeof Environment>): Tokens {
  const configured =
    e.ORDERFLOW_TOKENS !== undefined
      ? parseJson(e.ORDERFLOW_TOKENS, 'ORDERFLOW_TOKENS', { secret: true })
      : e.ORDERFLOW_TOKENS_FILE !== undefined
        ? readJson(e.ORDERFLOW_TOKENS_FILE, 'ORDERFLOW_TOKENS_FILE', { secret: true })
        : undefined;
  if (configured !== undefined) return tokensFrom(configured);
  if (e.NODE_ENV === 'production') {
    throw new Error('NODE_ENV=production needs ORDERFLOW_TOKENS or ORDERFLOW_TOKENS_FILE: the development tokens are refused');
  }
  return developmentTokens;
}

/** The policy file, once every channel and customer class resolves with it: a wrong value stops the start, not an order. */
function checkedPolicy(file: PolicyFile): PolicyFile {
  for (const channel of Object.keys(channelForms) as Channel[]) {
    for (const customerClass of CustomerClass.options) policyFor(channel, customerClass, file);
  }
  // 团订 sales pipeline: the API reads the department's standards from the reports' policy.
  reportSettings(file);
  // printable documents: the letterhead (抬头) they are headed with.
  documentSettings(file);
  return file;
}

const readJson = (file: string, variable: string, options?: { secret: boolean }) =>
  parseJson(fs.readFileSync(file, 'utf8'), `${variable} (${file})`, options);

/** A secret's parse error names no detail: JSON.parse quotes the text around the mistake, which may be a token. */
function parseJson(text: string, source: string, { secret = false } = {}): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    // eslint-disable-next-line preserve-caught-error -- the parse error quotes the text, which may hold a token
    throw new Error(`${source} is not valid JSON${secret ? '' : `: ${(error as Error).message}`}`);
  }
}
