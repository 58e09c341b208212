import { StageBlocNetworkError, StageBlocTimeoutError, createClient, type StageBlocClient } from '../client/index.js';
import type { ApiSettings } from './api-settings.js';
import type { CliIO } from './context.js';

export type CliClient = StageBlocClient & {
  /** Cancels every request still queued, retrying or in flight, and silences the client. */
  cancel(): void;
};

/**
 * The API client configured from flags/env. Its log lines (already redacted by
 * the client) go to stderr: warnings such as retries always, the rest only
 * with STAGEBLOC_DEBUG set. Never to stdout, which --json keeps clean.
 */
export function createCliClient(settings: ApiSettings, io: CliIO): CliClient {
  const debug = Boolean(io.env['STAGEBLOC_DEBUG']);
  const cancelled = new AbortController();
  const client = createClient({
    accessToken: settings.accessToken,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
    format: settings.format,
    authScheme: settings.authScheme,
    timeoutMs: settings.timeoutMs,
    onLog: ({ level, message }) => {
      if (level === 'warn' || debug) io.stderr.write(`${level}: ${message}\n`);
    },
    signal: cancelled.signal,
  });
  return Object.assign(client, { cancel: () => cancelled.abort(new Error('cancelled: the command has failed')) });
}

/**
 * Runs API work, naming the API's origin when it cannot be reached: the
 * client's own messages name only the endpoint path. When the work fails, whatever
 * else the client is doing is cancelled, so no retry warning follows the error.
 */
export async function reachingApi<T>(client: CliClient, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    client.cancel();
    if (error instanceof StageBlocNetworkError || error instanceof StageBlocTimeoutError) {
      const origin = new URL(client.baseUrl).origin;
      throw new Error(`Could not reach the StageBloc API at ${origin} (${error.message}).`, { cause: error });
    }
    throw error;
  }
}
