/**
 * Every failure the client reports is one of these classes, so callers can
 * branch on `instanceof` (or `error.code`) instead of matching message text.
 * Messages never contain credentials: they are built from endpoint paths,
 * never from full request URLs or headers (see redact.ts).
 */

export type StageBlocErrorCode =
  | 'API_ERROR'
  | 'PARSE_ERROR'
  | 'NETWORK_ERROR'
  | 'TIMEOUT'
  | 'RATE_LIMITED'
  | 'RESPONSE_TOO_LARGE'
  | 'VALIDATION_ERROR'
  | 'AUTH_ERROR'
  | 'PAGINATION_ERROR';

export abstract class StageBlocError extends Error {
  abstract readonly code: StageBlocErrorCode;
  /** API path such as `/audio/list`, without host, query or token. */
  readonly endpoint: string;

  constructor(message: string, endpoint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.endpoint = endpoint;
    this.name = new.target.name;
  }
}

/** The API answered with its documented error envelope (on any HTTP status, 200 included). */
export class StageBlocApiError extends StageBlocError {
  readonly code = 'API_ERROR' as const;
  constructor(
    /** The API's own `error.message` text, or a description of the HTTP failure. */
    readonly apiMessage: string,
    endpoint: string,
    readonly status: number,
  ) {
    super(`StageBloc API error on ${endpoint} (HTTP ${status}): ${apiMessage}`, endpoint);
  }
}

/** The token was missing, rejected (401/403) or could not be obtained. */
export class StageBlocAuthError extends StageBlocError {
  readonly code = 'AUTH_ERROR' as const;
  constructor(
    message: string,
    endpoint: string,
    readonly status?: number,
  ) {
    super(message, endpoint);
  }
}

/** The body was not well-formed JSON/XML, or did not have the documented shape. */
export class StageBlocParseError extends StageBlocError {
  readonly code = 'PARSE_ERROR' as const;
  constructor(
    message: string,
    endpoint: string,
    readonly format: 'json' | 'xml',
    options?: { cause?: unknown },
  ) {
    super(`Malformed ${format.toUpperCase()} from ${endpoint}: ${message}`, endpoint, options);
  }
}

/** The connection failed (DNS, refused, reset) after all retries. */
export class StageBlocNetworkError extends StageBlocError {
  readonly code = 'NETWORK_ERROR' as const;
  constructor(
    message: string,
    endpoint: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, endpoint, options);
  }
}

/** A single attempt exceeded the per-attempt timeout, after all retries. */
export class StageBlocTimeoutError extends StageBlocError {
  readonly code = 'TIMEOUT' as const;
  constructor(
    message: string,
    endpoint: string,
    readonly attempts: number,
  ) {
    super(message, endpoint);
  }
}

/** 429 with a Retry-After beyond the configured cap, or 429s past the retry budget. */
export class StageBlocRateLimitError extends StageBlocError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(
    message: string,
    endpoint: string,
    /** Milliseconds the server asked us to wait, when it said. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message, endpoint);
  }
}

export class StageBlocResponseTooLargeError extends StageBlocError {
  readonly code = 'RESPONSE_TOO_LARGE' as const;
  constructor(
    endpoint: string,
    readonly limitBytes: number,
  ) {
    super(`Response from ${endpoint} exceeded the ${limitBytes}-byte limit`, endpoint);
  }
}

/** Input rejected on the client before any byte was sent (e.g. /audio/edit fields). */
export class StageBlocValidationError extends StageBlocError {
  readonly code = 'VALIDATION_ERROR' as const;
  constructor(
    readonly issues: string[],
    endpoint: string,
  ) {
    super(`Invalid request to ${endpoint}: ${issues.join('; ')}`, endpoint);
  }
}

/** The server's `total` changed while walking pages, so the walk cannot be trusted. */
export class StageBlocPaginationError extends StageBlocError {
  readonly code = 'PAGINATION_ERROR' as const;
  constructor(message: string, endpoint: string) {
    super(message, endpoint);
  }
}
