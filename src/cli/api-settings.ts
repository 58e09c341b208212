import { resolve } from 'node:path';
import type { Format } from '../client/model.js';
import { integerFlag, oneOfFlag } from './args.js';
import type { CliIO } from './context.js';
import { readEnvFile } from './env-file.js';
import { AuthFailure } from './exit-codes.js';

export const DEFAULT_ENV_FILE = '.env';

export interface ApiFlags {
  'api-url'?: string | undefined;
  token?: string | undefined;
  format?: string | undefined;
  'auth-scheme'?: string | undefined;
  dotenv?: string | undefined;
  timeout?: string | undefined;
}

export interface ApiSettings {
  /** Undefined means the client's default (the real API). */
  baseUrl: string | undefined;
  accessToken: string;
  format: Format;
  authScheme: string;
  timeoutMs: number;
}

/**
 * Flags win over the process environment, which wins over the dotenv file, so
 * a `.env` written by `stagebloc login` works without exporting anything.
 */
export async function lookupEnv(flags: ApiFlags, io: CliIO): Promise<(name: string) => string | undefined> {
  const fileVars = await readEnvFile(resolve(io.cwd, flags.dotenv ?? DEFAULT_ENV_FILE));
  return (name) => nonEmpty(io.env[name]) ?? nonEmpty(fileVars[name]);
}

export async function resolveApiSettings(flags: ApiFlags, io: CliIO): Promise<ApiSettings> {
  const env = await lookupEnv(flags, io);
  const format = oneOfFlag('format', flags.format ?? env('STAGEBLOC_FORMAT'), ['json', 'xml'] as const) ?? 'json';
  const timeoutSeconds = integerFlag('timeout', flags.timeout) ?? 30;
  const accessToken = nonEmpty(flags.token) ?? env('STAGEBLOC_ACCESS_TOKEN');
  if (accessToken === undefined) {
    throw new AuthFailure(
      'No access token. Set STAGEBLOC_ACCESS_TOKEN (in the environment or .env) or pass --token.\n' +
        'Get one with `stagebloc login --client-id … --client-secret …`.',
    );
  }
  return {
    baseUrl: nonEmpty(flags['api-url']) ?? env('STAGEBLOC_API_URL'),
    accessToken,
    format,
    authScheme: flags['auth-scheme'] ?? 'OAuth',
    timeoutMs: timeoutSeconds * 1000,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
