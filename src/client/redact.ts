/**
 * The one place credentials are scrubbed from text. Every log line and every
 * error message the client produces passes through `redact` before anyone else
 * can see it, so a token can only leak if it reaches output by some path that
 * bypasses this module — which is what the canary tests look for.
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are not replaced verbatim: "a" would blank out every message. */
const MIN_SECRET_LENGTH = 4;

// `Authorization: OAuth abc`, `"authorization":"Bearer abc"`, `authorization=abc`:
// keep the header name, drop the whole value up to the end of the line or quote.
const AUTHORIZATION_VALUE = /(\b(?:proxy-)?authorization\b["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi;

// Credential schemes followed by something shaped like a credential. `OAuth` is
// matched only inside Authorization values (above): the word is common in prose.
const SCHEME_CREDENTIAL = /\b(Bearer|Basic)\s+([A-Za-z0-9._~+/=-]{8,})/g;
// Tells `Bearer 9f8e7d…`/`Basic dXNlcjpwYXNz` apart from prose like "Basic authentication".
const LOOKS_LIKE_CREDENTIAL = /^.+[0-9A-Z._~+/=-]/;

// Query strings and form bodies. `code` needs a separator before it so that
// `error_code=` and `zipcode=` survive.
const QUERY_SECRET =
  /(^|[?&;\s#"'])(access_token|refresh_token|id_token|code|client_secret|password|token)=[^&\s"'#]*/gi;

// JSON bodies such as a token endpoint answer. `code` is deliberately absent:
// serialized StageBlocErrors carry `"code":"API_ERROR"`.
const JSON_SECRET = /("(?:access_token|refresh_token|id_token|client_secret|password)"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

/**
 * Returns `text` with credentials replaced by `[REDACTED]`: Authorization header
 * values, `Bearer`/`Basic` credentials, `access_token=`/`code=`/`client_secret=`
 * (and similar) query or form parameters, JSON token fields, and every value in
 * `secrets` verbatim (also in its URL-encoded and base64 forms).
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text;
  for (const secret of secretVariants(secrets)) {
    out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(AUTHORIZATION_VALUE, `$1${REDACTED}`)
    .replace(SCHEME_CREDENTIAL, (match, scheme: string, value: string) =>
      LOOKS_LIKE_CREDENTIAL.test(value) ? `${scheme} ${REDACTED}` : match,
    )
    .replace(QUERY_SECRET, `$1$2=${REDACTED}`)
    .replace(JSON_SECRET, `$1"${REDACTED}"`);
}

// The variants of the last secrets asked for: a client redacts every log line with the same ones.
let lastSecrets: string | undefined;
let lastVariants: string[] = [];

function secretVariants(secrets: Iterable<string>): string[] {
  const list = [...secrets].filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH);
  const key = JSON.stringify(list);
  if (key !== lastSecrets) {
    lastVariants = variantsOf(list);
    lastSecrets = key;
  }
  return lastVariants;
}

function variantsOf(secrets: readonly string[]): string[] {
  const variants = new Set<string>();
  for (const secret of secrets) {
    variants.add(secret);
    variants.add(encodeURIComponent(secret));
    variants.add(new URLSearchParams({ s: secret }).toString().slice(2));
    variants.add(Buffer.from(secret, 'utf8').toString('base64'));
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/**
 * Scrubs an error in place — message, stack, string-valued own properties
 * (e.g. `apiMessage`) and its cause chain — and returns it. Causes that are not
 * Errors are replaced by their redacted string form. Used at the client's
 * boundary so that errors built by lower layers (decoders, fetch) are covered too.
 */
export function redactError<E>(error: E, secrets: Iterable<string> = [], depth = 0): E {
  if (!(error instanceof Error) || depth > 5) return error;
  const list = [...secrets];
  const target = error as Error & Record<string, unknown>;
  for (const key of Object.getOwnPropertyNames(target)) {
    const value = target[key];
    if (typeof value !== 'string') continue;
    const clean = redact(value, list);
    if (clean !== value) setProperty(target, key, clean);
  }
  if (typeof target.stack === 'string') setProperty(target, 'stack', redact(target.stack, list));
  if ('cause' in target && target.cause !== undefined) {
    const cause = target.cause;
    const clean = cause instanceof Error ? redactError(cause, list, depth + 1) : redact(safeString(cause), list);
    setProperty(target, 'cause', clean);
  }
  return error;
}

function setProperty(target: object, key: string, value: unknown): void {
  // Readonly class fields are ordinary writable properties at runtime; define
  // rather than assign so a frozen or accessor-backed property cannot throw.
  try {
    const enumerable = Object.getOwnPropertyDescriptor(target, key)?.enumerable ?? false;
    Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable });
  } catch {
    // A non-configurable property we cannot rewrite: nothing better to do.
  }
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}
