import { loadClientConfigProfile, toClientOptions } from '@temporalio/envconfig';
import type { ConnectionOptions } from '@temporalio/client';

/**
 * Where the worker and the API find Temporal. Defaults suit `npm start` (the local dev server);
 * a production deployment or Temporal Cloud sets the address, namespace and TLS or API key, in the
 * environment (the standard `TEMPORAL_*` variables) or in a Temporal config file profile
 * (`TEMPORAL_CONFIG_FILE`, default ~/.config/temporalio/temporal.toml; `TEMPORAL_PROFILE`), the
 * same settings the `temporal` CLI reads. The environment wins over the profile.
 */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Accepted by both `Connection.connect` (API) and `NativeConnection.connect` (worker). */
  connection: Pick<ConnectionOptions, 'address' | 'tls' | 'metadata'> & { apiKey?: string };
}

// Our first names for the TLS files, kept working; the standard names win when both are set.
const legacyTlsVariables = {
  TEMPORAL_TLS_CERT_PATH: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY_PATH: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA_PATH: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  // An empty variable (compose's `${X:-}`) means unset, not "an empty address".
  const set: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value) set[name] = value;
  for (const [legacy, standard] of Object.entries(legacyTlsVariables)) if (set[legacy] && !set[standard]) set[standard] = set[legacy];

  const profile = loadClientConfigProfile({ overrideEnvVars: set });
  if (Boolean(profile.tls?.clientCert) !== Boolean(profile.tls?.clientKey)) {
    throw new Error('Set both TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH for mutual TLS, or neither');
  }
  const { namespace, connectionOptions } = toClientOptions(profile);
  const address = connectionOptions.address || 'localhost:7233';
  return {
    address,
    namespace: namespace || 'default',
    taskQueue: set.TEMPORAL_TASK_QUEUE || 'orders',
    connection: { address, tls: connectionOptions.tls, apiKey: connectionOptions.apiKey, metadata: connectionOptions.metadata },
  };
}

/** Temporal may still be starting (npm start, docker-compose): try for a minute before giving up. */
export async function connectWithRetry<T>(connect: () => Promise<T>, address: string, attempts = 60): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      if (attempt >= attempts) throw new Error(`cannot reach Temporal at ${address}: ${(error as Error).message}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
