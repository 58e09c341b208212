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

/**
 * Keys whose value is a list, and the element each member is wrapped in on the
 * wire (`"images": [{"image": {…}}]`, `<images><image>…</image></images>`).
 * Mirrors src/wire/serialize.ts; the round-trip property tests hold them together.
 */
export const ARRAY_MEMBER_NAMES: ReadonlyMap<string, string> = new Map([
  ['items', 'item'],
  ['images', 'image'],
  ['tracks', 'item'],
]);

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
  return Object.prototype.hasOwnProperty.call(obj, key);
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
