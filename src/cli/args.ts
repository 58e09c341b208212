import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UsageError, isParseArgsError } from './exit-codes.js';

export type OptionSpec = ParseArgsOptionsConfig;

/** Options every subcommand accepts. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const satisfies OptionSpec;

/** Options of the subcommands that talk to the API. */
export const API_OPTIONS = {
  'api-url': { type: 'string' },
  token: { type: 'string' },
  format: { type: 'string' },
  'auth-scheme': { type: 'string' },
  // Not --env-file: Node itself grabs `--env-file <path>` anywhere on the command line.
  dotenv: { type: 'string' },
  timeout: { type: 'string' },
} as const satisfies OptionSpec;

export const API_OPTIONS_HELP = `API options:
  --api-url <url>       API base URL (env STAGEBLOC_API_URL; default https://api.stagebloc.com/2.0/)
  --token <token>       access token (env STAGEBLOC_ACCESS_TOKEN; prefer the env var or .env:
                        flags are visible to other users in the process list)
  --format json|xml     response format to request (env STAGEBLOC_FORMAT; default json)
  --auth-scheme <name>  Authorization scheme, OAuth (default) or Bearer
  --timeout <seconds>   per-request timeout (default 30)
  --dotenv <path>       dotenv file read for STAGEBLOC_* variables (default .env; real env wins)`;

/**
 * node:util parseArgs in strict mode, with `--no-<flag>` negation, and its
 * errors turned into UsageError naming the command.
 */
export function parseCommandArgs<T extends OptionSpec>(
  command: string,
  argv: string[],
  options: T,
  positionals: { min: number; max: number; names: string },
) {
  let parsed: ReturnType<
    typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: boolean; allowNegative: true }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options,
      strict: true,
      allowPositionals: positionals.max > 0,
      allowNegative: true,
    });
  } catch (error) {
    if (isParseArgsError(error))
      throw new UsageError(`${(error as Error).message}\nRun \`stagebloc ${command} --help\`.`);
    throw error;
  }
  const help = (parsed.values as Record<string, unknown>)['help'] === true;
  if (!help) {
    const count = parsed.positionals.length;
    if (count < positionals.min) {
      throw new UsageError(`stagebloc ${command} needs ${positionals.names}.\nRun \`stagebloc ${command} --help\`.`);
    }
    if (count > positionals.max) {
      const extra = parsed.positionals.slice(positionals.max).join(' ');
      throw new UsageError(
        `Unexpected argument(s) to stagebloc ${command}: ${extra}\nRun \`stagebloc ${command} --help\`.`,
      );
    }
  }
  return { values: parsed.values, positionals: parsed.positionals, help };
}

/** A whole number flag such as `--port 8719` or `--free-download 2`. */
export function integerFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${flag} expects a whole number, got "${raw}".`);
  return Number(raw);
}

/** A decimal number flag such as `--price 1.50`. */
export function numberFlag(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag} expects a number, got "${raw}".`);
  return value;
}

/** `--playlist 4,17` → [4, 17]. */
export function idListFlag(flag: string, raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d+$/.test(part))) {
    throw new UsageError(`--${flag} expects comma-separated ids such as 4,17, got "${raw}".`);
  }
  return parts.map(Number);
}

export function oneOfFlag<T extends string>(
  flag: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got "${raw}".`);
  }
  return raw as T;
}
