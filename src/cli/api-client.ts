import { StageBlocNetworkError, StageBlocTimeoutError, createClient, type StageBlocClient } from '../client/index.js';
import type { ApiSettings } from './api-settings.js';
import type { CliIO } from './context.js';

export type CliClient = StageBlocClient;

/**
 * The API client configured from flags/env. Its log lines (already redacted by
 * the client) go to stderr: warnings such as retries always, the rest only
 * with STAGEBLOC_DEBUG set. Never to stdout, which --json keeps clean.
 */
export function createCliClient(settings: ApiSettings, io: CliIO): CliClient {
  const debug = Boolean(io.env['STAGEBLOC_DEBUG']);
  return createClient({
    accessToken: settings.accessToken,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    format: settings.format,
    authScheme: settings.authScheme,
    timeoutMs: settings.timeoutMs,
    onLog: ({ level, message }) => {
      if (level === 'warn' || debug) io.stderr.write(`${level}: ${message}\n`);
    },
  });
}

/**
 * Runs API work, naming the API's origin when it cannot be reached: the
 * client's own messages name only the endpoint path.
 */
export async function reachingApi<T>(client: CliClient, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof StageBlocNetworkError || error instanceof StageBlocTimeoutError) {
      const origin = new URL(client.baseUrl).origin;
      throw new Error(`Could not reach the StageBloc API at ${origin} (${error.message}).`, { cause: error });
    }
    throw error;
  }
}
