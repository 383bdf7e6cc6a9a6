import fs from 'node:fs';
import { z } from 'zod';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../workflows/domain/policy';
import { developmentTokens, TokenConfig, tokensOf, type Tokens } from './auth';

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
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  tokens: Tokens;
  /** The policy new orders start with, snapshotted into each; running orders keep theirs. */
  policy: Policy;
}

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  ORDERFLOW_HOST: z.string().optional(),
  ORDERFLOW_TRUST_PROXY: z.string().optional(),
  ORDERFLOW_LOG_LEVEL: z.string().regex(/^(trace|debug|info|warn|error)$/i, 'one of TRACE, DEBUG, INFO, WARN, ERROR').optional(),
  ORDERFLOW_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)?$/i, 'bytes, e.g. 65536 or 64kb').default('64kb'),
  ORDERFLOW_TEMPORAL_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  ORDERFLOW_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(15_000),
  ORDERFLOW_TOKENS: z.string().optional(),
  ORDERFLOW_TOKENS_FILE: z.string().optional(),
  ORDERFLOW_POLICY_FILE: z.string().optional(),
  NODE_ENV: z.string().optional(),
});

export function apiConfigFromEnvironment(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.ORDERFLOW_HOST || '127.0.0.1',
    trustProxy: trustProxyOf(e.ORDERFLOW_TRUST_PROXY),
    bodyLimit: e.ORDERFLOW_BODY_LIMIT,
    temporalTimeoutMs: e.ORDERFLOW_TEMPORAL_TIMEOUT_MS,
    shutdownTimeoutMs: e.ORDERFLOW_SHUTDOWN_TIMEOUT_MS,
    tokens: tokensFrom(e),
    policy: resolvePolicy(e.ORDERFLOW_POLICY_FILE ? readJson(e.ORDERFLOW_POLICY_FILE, 'ORDERFLOW_POLICY_FILE') as PolicyOverrides : {}),
  };
}

/** `loopback`, a hop count, addresses or subnets (comma-separated), or true/false, as express takes them. */
function trustProxyOf(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Configured tokens when given; otherwise the development tokens, which production refuses to start with. */
function tokensFrom(e: z.infer<typeof Environment>): Tokens {
  const configured = e.ORDERFLOW_TOKENS !== undefined
    ? parseJson(e.ORDERFLOW_TOKENS, 'ORDERFLOW_TOKENS')
    : e.ORDERFLOW_TOKENS_FILE !== undefined ? readJson(e.ORDERFLOW_TOKENS_FILE, 'ORDERFLOW_TOKENS_FILE') : undefined;
  if (configured !== undefined) {
    const tokens = TokenConfig.safeParse(configured);
    if (!tokens.success) throw new Error(`invalid tokens: ${tokens.error.issues.map((i) => `${i.path.join('.') || '(tokens)'}: ${i.message}`).join('; ')}`);
    return tokensOf(tokens.data);
  }
  if (e.NODE_ENV === 'production') {
    throw new Error('NODE_ENV=production needs ORDERFLOW_TOKENS or ORDERFLOW_TOKENS_FILE: the development tokens are refused');
  }
  return developmentTokens;
}

const readJson = (file: string, variable: string) => parseJson(fs.readFileSync(file, 'utf8'), `${variable} (${file})`);

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}
