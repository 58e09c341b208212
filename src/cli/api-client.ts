import { createClient, type StageBlocClient } from '../client/index.js';
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
