/**
 * Reads a /list endpoint's query string exactly as the docs describe it:
 * `id` (and `playlist_id` / `album_id`) override every other parameter, which
 * are then not even validated; otherwise every parameter is checked and bad
 * values are a 400.
 */
import type { SortKey } from './sorted-views.js';

export interface ListSpec {
  /** The documented `order_by` values. */
  orderBy: readonly string[];
  defaultOrderBy: string;
  /** The record key an `order_by` value sorts by, where the two differ (`startDateTime` → `start_date`). */
  sortKeys?: Readonly<Record<string, SortKey>>;
  /** Default DESC; /events/list's is ASC. */
  defaultDirection?: 'ASC' | 'DESC';
  /** /events/list's include_past and include_upcoming. */
  eventFilters?: boolean;
  /** The "all other parameters are ignored" parent filter: playlist_id or album_id. */
  parentParam?: 'playlist_id' | 'album_id';
  /** /blog/list's status, year, month and ignore_sticky. */
  blogFilters?: boolean;
  /** /audio/playlists/list's include_tracks. */
  includeTracks?: boolean;
}

export interface PageQuery {
  kind: 'page';
  orderBy: SortKey;
  direction: 'ASC' | 'DESC';
  limit: number;
  offset: number;
  includeTracks: boolean;
  /** Blog only. */
  statuses: ReadonlySet<number>;
  year: number | null;
  month: number | null;
  ignoreSticky: boolean;
  /** Events only. */
  includePast: boolean;
  includeUpcoming: boolean;
}

export type ListQuery = { kind: 'id'; id: number } | { kind: 'parent'; id: number } | PageQuery;

export class BadParameterError extends Error {}

export const DEFAULT_LIMIT = 20;

export function parseListQuery(query: Readonly<Record<string, string>>, spec: ListSpec): ListQuery {
  if (query.id !== undefined) return { kind: 'id', id: positiveId(query.id, 'id') };
  if (spec.parentParam && query[spec.parentParam] !== undefined) {
    return { kind: 'parent', id: positiveId(query[spec.parentParam] as string, spec.parentParam) };
  }
  const orderBy = query.order_by ?? spec.defaultOrderBy;
  if (!(spec.orderBy as readonly string[]).includes(orderBy)) {
    throw new BadParameterError(`order_by must be one of ${spec.orderBy.join(', ')}`);
  }
  const direction = (query.direction ?? spec.defaultDirection ?? 'DESC').toUpperCase();
  if (direction !== 'ASC' && direction !== 'DESC') throw new BadParameterError('direction must be ASC or DESC');
  const limit = query.limit === undefined ? DEFAULT_LIMIT : wholeNumber(query.limit, 'limit');
  if (limit < 1) throw new BadParameterError('limit must be a positive integer');
  const offset = query.offset === undefined ? 0 : wholeNumber(query.offset, 'offset');
  const page: PageQuery = {
    kind: 'page',
    orderBy: spec.sortKeys?.[orderBy] ?? (orderBy as SortKey),
    direction,
    limit,
    offset,
    includeTracks: spec.includeTracks ? flag(query.include_tracks, 'include_tracks') : false,
    statuses: new Set([1]),
    year: null,
    month: null,
    ignoreSticky: false,
    includePast: spec.eventFilters ? flag(query.include_past, 'include_past') : false,
    includeUpcoming: spec.eventFilters
      ? query.include_upcoming === undefined
        ? true
        : flag(query.include_upcoming, 'include_upcoming')
      : false,
  };
  if (spec.blogFilters) {
    page.statuses = statuses(query.status);
    page.year = query.year === undefined ? null : wholeNumber(query.year, 'year');
    page.month = query.month === undefined ? null : wholeNumber(query.month, 'month');
    if (page.month !== null && (page.month < 1 || page.month > 12))
      throw new BadParameterError('month must be 1 to 12');
    page.ignoreSticky = flag(query.ignore_sticky, 'ignore_sticky');
  }
  return page;
}

function positiveId(value: string, name: string): number {
  const n = wholeNumber(value, name);
  if (n < 1) throw new BadParameterError(`${name} must be a positive integer`);
  return n;
}

function wholeNumber(value: string, name: string): number {
  if (!/^\d{1,15}$/.test(value)) throw new BadParameterError(`${name} must be a non-negative integer`);
  return Number(value);
}

function flag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '0') return false;
  if (value === '1') return true;
  throw new BadParameterError(`${name} must be 0 or 1`);
}

function statuses(value: string | undefined): Set<number> {
  if (value === undefined) return new Set([1]);
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length === 0 || parts.length > 2 || parts.some((part) => part !== '0' && part !== '1')) {
    throw new BadParameterError('status must be 0, 1 or 0,1');
  }
  return new Set(parts.map(Number));
}
