import fs from 'node:fs';
import type { ConnectionOptions } from '@temporalio/client';

/**
 * Where the worker and the API find Temporal. Defaults suit `npm start` (the local dev server);
 * a production deployment or Temporal Cloud sets the address, namespace and TLS or API key.
 */
export interface TemporalSettings {
  address: string;
  namespace: string;
  taskQueue: string;
  /** Accepted by both `Connection.connect` (API) and `NativeConnection.connect` (worker). */
  connection: Pick<ConnectionOptions, 'address' | 'tls'> & { apiKey?: string };
}

export function temporalSettings(env: NodeJS.ProcessEnv = process.env): TemporalSettings {
  const address = env.TEMPORAL_ADDRESS || 'localhost:7233';
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  const certPath = env.TEMPORAL_TLS_CERT_PATH;
  const keyPath = env.TEMPORAL_TLS_KEY_PATH;
  if (Boolean(certPath) !== Boolean(keyPath)) {
    throw new Error('Set both TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH for mutual TLS, or neither');
  }
  const wantsTls = Boolean(certPath) || Boolean(apiKey) || env.TEMPORAL_TLS === 'true';
  const tls = wantsTls
    ? {
        serverRootCACertificate: env.TEMPORAL_TLS_CA_PATH ? fs.readFileSync(env.TEMPORAL_TLS_CA_PATH) : undefined,
        clientCertPair: certPath && keyPath
          ? { crt: fs.readFileSync(certPath), key: fs.readFileSync(keyPath) }
          : undefined,
      }
    : undefined;
  return {
    address,
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || 'orders',
    connection: { address, tls, apiKey },
  };
}

/** Temporal may still be starting (npm start, docker-compose): try for a minute before giving up. */
export async function connectWithRetry<T>(connect: () => Promise<T>, address: string, attempts = 60): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await connect();
    } catch (error) {
      if (attempt >= attempts) throw new Error(`cannot reach Temporal at ${address}: ${(error as Error).message}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
