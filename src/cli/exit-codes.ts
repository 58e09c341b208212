import { StageBlocApiError, StageBlocAuthError, StageBlocValidationError } from '../client/errors.js';

/** The process exit codes, documented in `stagebloc --help`. */
export const EXIT = {
  ok: 0,
  /** Runtime or API failure (network, server error, unexpected data). */
  failure: 1,
  /** Bad command line: unknown flag, missing value, wrong positional. */
  usage: 2,
  /** Authentication failed: token missing/rejected, connect denied, code/secret refused. */
  auth: 3,
  /** Bad file or field values: rejected before anything was sent, or by the API (413/415/422). */
  validation: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  runtime or API failure
  2  usage error (unknown flag, missing or malformed value)
  3  authentication failure (no token, token rejected, connect denied, code or secret refused)
  4  validation failure (bad file or field values: caught before sending, or
     refused by the API with HTTP 413, 415 or 422)`;

/** A command line the CLI cannot act on. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** An authentication step failed in a way the user must act on. Exit code 3. */
export class AuthFailure extends Error {
  override readonly name = 'AuthFailure';
}

/** Input the CLI itself rejected before sending anything. Exit code 4. */
export class InputRejected extends Error {
  override readonly name = 'InputRejected';
}

/** node:util parseArgs reports bad command lines with these codes. */
const PARSE_ARGS_CODES = new Set([
  'ERR_PARSE_ARGS_UNKNOWN_OPTION',
  'ERR_PARSE_ARGS_INVALID_OPTION_VALUE',
  'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
]);

export function isParseArgsError(error: unknown): boolean {
  return error instanceof Error && PARSE_ARGS_CODES.has((error as { code?: string }).code ?? '');
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError || isParseArgsError(error)) return EXIT.usage;
  if (error instanceof AuthFailure || error instanceof StageBlocAuthError) return EXIT.auth;
  if (error instanceof StageBlocApiError && (error.status === 401 || error.status === 403)) return EXIT.auth;
  if (error instanceof InputRejected || error instanceof StageBlocValidationError) return EXIT.validation;
  // Too large, not WAV/AIFF, invalid fields: the same failures, found by the server.
  if (error instanceof StageBlocApiError && [413, 415, 422].includes(error.status)) return EXIT.validation;
  return EXIT.failure;
}
