import fs from 'node:fs';
import { z } from 'zod';
import { channelForms, policyFor, type PolicyFile } from '../client/channels';
import { CustomerClass, type Channel } from '../workflows/domain/order';
import { developmentTokens, TokenConfig, tokensOf, type Tokens } from './auth';

// The API's configuration, all from the environment, read once at start (Temporal's own settings
// are worker/connection.ts's). A wrong value stops the process with the variable's name.

export interface ApiConfig {
  port: number;
  /** Largest request body express accepts (bytes, or `64kb` style). */
  bodyLimit: string;
  /** How long one request may wait for Temporal (an order with no worker polling waits forever otherwise). */
  temporalTimeoutMs: number;
  /** How long a shutdown waits for in-flight requests before closing their connections. */
  shutdownTimeoutMs: number;
  tokens: Tokens;
  /** The policy file new orders start with, per channel and customer class, snapshotted into each; running orders keep theirs. */
  policy: PolicyFile;
}

const Environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
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
    bodyLimit: e.ORDERFLOW_BODY_LIMIT,
    temporalTimeoutMs: e.ORDERFLOW_TEMPORAL_TIMEOUT_MS,
    shutdownTimeoutMs: e.ORDERFLOW_SHUTDOWN_TIMEOUT_MS,
    tokens: tokensFrom(e),
    policy: checkedPolicy(e.ORDERFLOW_POLICY_FILE ? readJson(e.ORDERFLOW_POLICY_FILE, 'ORDERFLOW_POLICY_FILE') as PolicyFile : {}),
  };
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

/** The policy file, once every channel and customer class resolves with it: a wrong value stops the start, not an order. */
function checkedPolicy(file: PolicyFile): PolicyFile {
  for (const channel of Object.keys(channelForms) as Channel[]) {
    for (const customerClass of CustomerClass.options) policyFor(channel, customerClass, file);
  }
  return file;
}

const readJson = (file: string, variable: string) => parseJson(fs.readFileSync(file, 'utf8'), `${variable} (${file})`);

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
}
