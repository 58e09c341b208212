/**
 * What both decoders produce, and the error rules they share. A RawList still
 * uses the wire's snake_case keys and loose value types ("21" or 21); turning
 * it into typed model objects is normalize.ts's job.
 */
import { StageBlocApiError, StageBlocAuthError, type StageBlocError } from '../errors.js';
import type { Format } from '../model.js';

export type RawValue = string | number | boolean | null | RawRecord | RawValue[];
export interface RawRecord {
  [key: string]: RawValue;
}

export interface RawList {
  /** The wire format the list was decoded from, so later errors can say so. */
  format: Format;
  total: number;
  items: RawRecord[];
}

/** What a list answer may leave out: `/oauth2/token/info` sends its one item without a `total`. */
export interface ListShape {
  totalOptional?: boolean;
}

/**
 * Keys whose value is a list of records, at any depth. The docs wrap each member in
 * `item` (`items`) or in the singular of its key (`"images": [{"image": {…}}]`,
 * `<collaborators><collaborator>`); they never show `include_tracks`. Every list key is
 * read the same way, whatever the docs show for it (see listMembers in the decoders):
 * members bare, wrapped in `item` or wrapped in the key's singular, and in XML a single
 * member without a list. A list key added here needs nothing else.
 */
export const LIST_KEYS: ReadonlySet<string> = new Set(['items', 'images', 'tracks', 'collaborators']);

const wrappersByKey = new Map<string, ReadonlySet<string>>();

/** The names a member of the list `key` may be wrapped in: `item` and the key's singular. */
export function memberWrappers(key: string): ReadonlySet<string> {
  let names = wrappersByKey.get(key);
  if (!names) {
    names = new Set(['item', singularOf(key)]);
    if (wrappersByKey.size < 256) wrappersByKey.set(key, names);
  }
  return names;
}

/** English singular of a plural key: `images` → `image`, `entries` → `entry`, `statuses` → `status`. */
export function singularOf(key: string): string {
  if (/[^aeiou]ies$/.test(key)) return `${key.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z|us)es$/.test(key)) return key.slice(0, -2);
  if (/[^s]s$/.test(key)) return key.slice(0, -1);
  return key;
}

/**
 * Every message of an error envelope, read generously: the documented
 * `{"error": {"message": …}}`, and the 2013 server's `{"errors": ["…", …]}` (in XML
 * `<errors><error>…</error></errors>`, with or without `<message>`). A record with a
 * `message` gives that; any other record gives the messages of its members.
 */
export function envelopeMessages(value: unknown, text: (raw: string) => string): string[] {
  if (typeof value === 'string') return [text(value)];
  if (typeof value === 'number' && Number.isFinite(value)) return [String(value)];
  if (Array.isArray(value)) return value.flatMap((member) => envelopeMessages(member, text));
  if (!isPlainObject(value)) return [];
  if (hasOwn(value, 'message')) return envelopeMessages(value['message'], text);
  return Object.keys(value)
    .filter((key) => key !== '#text')
    .flatMap((key) => envelopeMessages(value[key], text));
}

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The API's own error envelope, on any status. 401/403 mean the token was refused. */
export function apiFailure(apiMessage: string, endpoint: string, status: number): StageBlocError {
  if (status === 401 || status === 403) return authFailure(endpoint, status, apiMessage);
  return new StageBlocApiError(apiMessage, endpoint, status);
}

/** A non-2xx answer without an error envelope (a proxy page, an empty body, …). */
export function httpFailure(endpoint: string, status: number): StageBlocError {
  if (status === 401 || status === 403) return authFailure(endpoint, status, undefined);
  return new StageBlocApiError(`HTTP ${status} with no error message`, endpoint, status);
}

function authFailure(endpoint: string, status: number, apiMessage: string | undefined): StageBlocAuthError {
  const what = status === 401 ? 'Access token rejected' : 'Access denied';
  const detail = apiMessage ? `: ${apiMessage}` : '';
  return new StageBlocAuthError(`${what} by ${endpoint} (HTTP ${status})${detail}`, endpoint, status);
}

/** Builds the one message an envelope carries (several errors are joined). */
export function joinApiMessages(messages: string[]): string {
  const nonEmpty = messages.map((m) => m.trim()).filter((m) => m !== '');
  return nonEmpty.length > 0 ? nonEmpty.join('; ') : 'error with no message';
}

/** Safe own-property check (records may come from untrusted JSON). */
export function hasOwn(obj: object, key: string): boolean {
  return Object.hasOwn(obj, key);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `12`, `"12"` → 12; anything else (negative, fractional, non-numeric) → undefined. */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return undefined;
}
