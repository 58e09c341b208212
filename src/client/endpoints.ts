/**
 * The list endpoints: their paths and how camelCase parameters map to the
 * documented query parameters. Pure data and functions; no I/O.
 *
 * Only parameters the caller gave are sent (the server applies the documented
 * defaults), and when an id-like parameter that the docs say overrides the rest
 * (`id`, `playlist_id`, `album_id`) is given, it is sent alone: the API ignores
 * the others, and sending them would make request logs misleading.
 */
import { StageBlocValidationError } from './errors.js';

export type Direction = 'ASC' | 'DESC';
export type OrderBy = 'created' | 'modified' | 'title';
export type BlogOrderBy = OrderBy | 'published';
/** 0 draft, 1 published. */
export type BlogStatus = 0 | 1;

interface PagingParams {
  direction?: Direction;
  limit?: number;
  offset?: number;
}

export interface TrackListParams extends PagingParams {
  id?: number;
  playlistId?: number;
  orderBy?: OrderBy;
}

export interface PlaylistListParams extends PagingParams {
  id?: number;
  orderBy?: OrderBy;
  includeTracks?: boolean;
}

export interface BlogListParams extends PagingParams {
  id?: number;
  orderBy?: BlogOrderBy;
  /** Default (server): published only. `[0, 1]` for both. */
  status?: BlogStatus | readonly BlogStatus[];
  year?: number;
  month?: number;
  ignoreSticky?: boolean;
}

export interface PhotoListParams extends PagingParams {
  id?: number;
  albumId?: number;
  orderBy?: OrderBy;
}

export interface AlbumListParams extends PagingParams {
  id?: number;
  orderBy?: OrderBy;
}

export type EventOrderBy = 'created' | 'modified' | 'startDateTime';

export interface EventListParams extends PagingParams {
  id?: number;
  /** Default (server): `startDateTime`, ascending. */
  orderBy?: EventOrderBy;
  /** Default (server): false. */
  includePast?: boolean;
  /** Default (server): true. */
  includeUpcoming?: boolean;
}

export type VideoOrderBy = 'created' | 'title';

export interface VideoListParams extends PagingParams {
  id?: number;
  /** Default (server): `created`, descending. The docs offer no `modified`. */
  orderBy?: VideoOrderBy;
}

export type StatusOrderBy = 'published';

export interface StatusListParams extends PagingParams {
  id?: number;
  /** Default (server): `published`, descending (statuses cannot be edited). */
  orderBy?: StatusOrderBy;
}

export type QueryParams = Record<string, string>;

export const ENDPOINTS = {
  tracks: '/audio/list',
  playlists: '/audio/playlists/list',
  blog: '/blog/list',
  photos: '/photos/list',
  albums: '/photos/albums/list',
  events: '/events/list',
  videos: '/videos/list',
  statuses: '/statuses/list',
  accounts: '/accounts/list',
  audioEdit: '/audio/edit',
  token: '/oauth2/token',
  tokenInfo: '/oauth2/token/info',
} as const;

const ORDER_BY: readonly OrderBy[] = ['created', 'modified', 'title'];
const BLOG_ORDER_BY: readonly BlogOrderBy[] = ['published', 'created', 'modified', 'title'];
const EVENT_ORDER_BY: readonly EventOrderBy[] = ['startDateTime', 'created', 'modified'];
const VIDEO_ORDER_BY: readonly VideoOrderBy[] = ['created', 'title'];
const STATUS_ORDER_BY: readonly StatusOrderBy[] = ['published'];

export function trackListQuery(params: TrackListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.tracks;
  const issues: string[] = [];
  const query =
    override('id', params.id, issues) ??
    override('playlist_id', params.playlistId, issues) ??
    ordering(params, ORDER_BY, issues);
  return finish(endpoint, query, issues);
}

export function playlistListQuery(params: PlaylistListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.playlists;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? {
    ...ordering(params, ORDER_BY, issues),
    ...flag('include_tracks', params.includeTracks, issues),
  };
  return finish(endpoint, query, issues);
}

export function blogListQuery(params: BlogListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.blog;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? {
    ...ordering(params, BLOG_ORDER_BY, issues),
    ...blogStatus(params.status, issues),
    ...integer('year', params.year, { min: 1, max: 9999 }, issues),
    ...integer('month', params.month, { min: 1, max: 12 }, issues),
    ...flag('ignore_sticky', params.ignoreSticky, issues),
  };
  return finish(endpoint, query, issues);
}

export function photoListQuery(params: PhotoListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.photos;
  const issues: string[] = [];
  const query =
    override('id', params.id, issues) ??
    override('album_id', params.albumId, issues) ??
    ordering(params, ORDER_BY, issues);
  return finish(endpoint, query, issues);
}

export function albumListQuery(params: AlbumListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.albums;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? ordering(params, ORDER_BY, issues);
  return finish(endpoint, query, issues);
}

export function eventListQuery(params: EventListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.events;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? {
    ...ordering(params, EVENT_ORDER_BY, issues),
    ...flag('include_past', params.includePast, issues),
    ...flag('include_upcoming', params.includeUpcoming, issues),
  };
  return finish(endpoint, query, issues);
}

export function videoListQuery(params: VideoListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.videos;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? ordering(params, VIDEO_ORDER_BY, issues);
  return finish(endpoint, query, issues);
}

export function statusListQuery(params: StatusListParams = {}): QueryParams {
  const endpoint = ENDPOINTS.statuses;
  const issues: string[] = [];
  const query = override('id', params.id, issues) ?? ordering(params, STATUS_ORDER_BY, issues);
  return finish(endpoint, query, issues);
}

/** `{ name: id }` when the id is given (it then replaces every other parameter). */
function override(name: string, value: number | undefined, issues: string[]): QueryParams | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 1) {
    issues.push(`${name} must be a positive integer (got ${String(value)})`);
    return {};
  }
  return { [name]: String(value) };
}

function ordering<O extends string>(
  params: PagingParams & { orderBy?: O },
  allowed: readonly O[],
  issues: string[],
): QueryParams {
  const query: QueryParams = {};
  if (params.orderBy !== undefined) {
    if (allowed.includes(params.orderBy)) query.order_by = params.orderBy;
    else issues.push(`orderBy must be one of ${allowed.join(', ')} (got ${String(params.orderBy)})`);
  }
  if (params.direction !== undefined) {
    if (params.direction === 'ASC' || params.direction === 'DESC') query.direction = params.direction;
    else issues.push(`direction must be ASC or DESC (got ${String(params.direction)})`);
  }
  Object.assign(query, integer('limit', params.limit, { min: 1 }, issues));
  Object.assign(query, integer('offset', params.offset, { min: 0 }, issues));
  return query;
}

function integer(
  name: string,
  value: number | undefined,
  range: { min: number; max?: number },
  issues: string[],
): QueryParams {
  if (value === undefined) return {};
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(value) || value < range.min || value > max) {
    issues.push(
      `${name} must be an integer from ${range.min}${range.max ? ` to ${range.max}` : ' up'} (got ${String(value)})`,
    );
    return {};
  }
  return { [name]: String(value) };
}

function flag(name: string, value: boolean | undefined, issues: string[]): QueryParams {
  if (value === undefined) return {};
  if (typeof value !== 'boolean') {
    issues.push(`${name} must be a boolean (got ${String(value)})`);
    return {};
  }
  return { [name]: value ? '1' : '0' };
}

function blogStatus(value: BlogListParams['status'], issues: string[]): QueryParams {
  if (value === undefined) return {};
  const list = typeof value === 'number' ? [value] : [...value];
  if (list.length === 0 || list.some((s) => s !== 0 && s !== 1)) {
    issues.push(`status must be 0, 1 or [0, 1] (got ${JSON.stringify(value)})`);
    return {};
  }
  return { status: [...new Set(list)].sort().join(',') };
}

function finish(endpoint: string, query: QueryParams, issues: string[]): QueryParams {
  if (issues.length > 0) throw new StageBlocValidationError(issues, endpoint);
  return query;
}

/** True when the query uses a parameter after which the API ignores limit/offset. */
export function isOverrideQuery(query: QueryParams): boolean {
  return 'id' in query || 'playlist_id' in query || 'album_id' in query;
}
