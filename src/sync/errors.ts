/**
 * The loaders' own failures, and the one place that turns any sync failure into a
 * message a site owner can act on. Messages never include the token: client errors are
 * built from endpoint paths only, and the host is taken from the configured base URL.
 */
import {
  StageBlocApiError,
  StageBlocAuthError,
  StageBlocError,
  StageBlocNetworkError,
  StageBlocParseError,
  StageBlocPaginationError,
  StageBlocRateLimitError,
  StageBlocTimeoutError,
} from '../client/errors.js';

export const MISSING_TOKEN_MESSAGE =
  'No StageBloc access token: set STAGEBLOC_ACCESS_TOKEN (for example in .env, or as a secret in your CI). ' +
  'Run `npx stagebloc login` to get one, or try the bundled demo account with `stagebloc({ demo: true })` in astro.config.mjs.';

export class MissingTokenError extends Error {
  readonly code = 'MISSING_TOKEN' as const;
  constructor() {
    super(MISSING_TOKEN_MESSAGE);
    this.name = 'MissingTokenError';
  }
}

export class StageblocConfigError extends Error {
  readonly code = 'CONFIG' as const;
  constructor(message: string) {
    super(message);
    this.name = 'StageblocConfigError';
  }
}

/** A sync failed; `message` is the friendly explanation, `cause` the original error. */
export class StageblocSyncError extends Error {
  readonly code = 'SYNC_FAILED' as const;
  constructor(
    message: string,
    /** Auth and schema failures: a snapshot fallback would hide a problem the owner must fix. */
    readonly fatal: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StageblocSyncError';
  }
}

/** Entry data that does not fit the collection schema (always fatal). */
export class StageblocSchemaError extends Error {
  readonly code = 'SCHEMA' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StageblocSchemaError';
  }
}

function hostOf(baseUrl: string | undefined): string {
  if (!baseUrl) return 'the StageBloc API';
  try {
    return new URL(baseUrl).host;
  } catch {
    return 'the StageBloc API';
  }
}

/** True when falling back to a snapshot must not hide the failure. */
export function isFatal(error: unknown): boolean {
  return (
    error instanceof StageBlocAuthError ||
    error instanceof MissingTokenError ||
    error instanceof StageblocConfigError ||
    error instanceof StageblocSchemaError ||
    (error instanceof StageblocSyncError && error.fatal)
  );
}

/**
 * A friendly, token-free explanation of why syncing `what` (e.g. "tracks") failed. `onRequest`:
 * the failure is a page's (live collections), where no snapshot can stand in.
 */
export function explainSyncError(
  error: unknown,
  what: string,
  baseUrl?: string,
  { onRequest = false } = {},
): StageblocSyncError {
  if (error instanceof StageblocSyncError) return error;
  const host = hostOf(baseUrl);
  let message: string;
  if (error instanceof StageBlocAuthError) {
    message =
      `StageBloc rejected the access token${error.status ? ` (HTTP ${error.status} on ${error.endpoint})` : ''}. ` +
      'Check STAGEBLOC_ACCESS_TOKEN, or run `npx stagebloc login` to get a new one.';
  } else if (error instanceof StageBlocNetworkError || error instanceof StageBlocTimeoutError) {
    // The client's message already names the endpoint and the number of attempts.
    message =
      `Could not reach the StageBloc API at ${host}: ${error.message}. ` +
      (onRequest
        ? 'Check the network of the server.'
        : 'Check your network, or set onError: "use-snapshot" to build from the last good content.');
  } else if (error instanceof StageBlocRateLimitError) {
    message = `The StageBloc API at ${host} is rate-limiting requests (${error.endpoint}); try again later. ${error.message}`;
  } else if (error instanceof StageBlocParseError || error instanceof StageBlocPaginationError) {
    message = `The StageBloc API at ${host} sent an unusable response: ${error.message}`;
  } else if (error instanceof StageBlocApiError) {
    message = `The StageBloc API at ${host} answered with an error: ${error.message}`;
  } else if (error instanceof StageBlocError) {
    message = `StageBloc request failed: ${error.message}`;
  } else if (
    error instanceof MissingTokenError ||
    error instanceof StageblocConfigError ||
    error instanceof StageblocSchemaError
  ) {
    return new StageblocSyncError(error.message, true, { cause: error });
  } else {
    message = error instanceof Error ? error.message : String(error);
  }
  return new StageblocSyncError(
    `${onRequest ? 'Loading' : 'Syncing'} StageBloc ${what} failed. ${message}`,
    isFatal(error),
    { cause: error },
  );
}
