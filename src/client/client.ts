/**
 * The StageBloc client: wires the transport, the decoders, the normalizers,
 * pagination and uploads together behind one object per account. Every error
 * leaving it and every log line it emits has been through redact().
 */
import { decodeList, type ListShape, type RawList } from './decode/index.js';
import {
  ENDPOINTS,
  albumListQuery,
  blogListQuery,
  eventListQuery,
  isOverrideQuery,
  statusListQuery,
  videoListQuery,
  photoListQuery,
  playlistListQuery,
  trackListQuery,
  type AlbumListParams,
  type BlogListParams,
  type EventListParams,
  type PhotoListParams,
  type StatusListParams,
  type VideoListParams,
  type PlaylistListParams,
  type QueryParams,
  type TrackListParams,
} from './endpoints.js';
import { StageBlocApiError, StageBlocAuthError, StageBlocParseError } from './errors.js';
import type {
  Account,
  Album,
  BlogEntry,
  Event,
  Format,
  ListPage,
  Photo,
  Playlist,
  Status,
  TokenInfo,
  Track,
  Video,
} from './model.js';
import {
  normalizeAccount,
  normalizeAlbum,
  normalizeBlogEntry,
  normalizeEvent,
  normalizeStatus,
  normalizeTokenInfo,
  normalizeVideo,
  normalizeId,
  normalizeList,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
  type Normalizer,
} from './normalize.js';
import { DEFAULT_BASE_URL, withTrailingSlash } from './oauth.js';
import { paginate } from './paginate.js';
import { redact, redactError } from './redact.js';
import { createTransport, type HttpRequest, type HttpResponse, type LogLevel } from './transport.js';
import { audioEditBody, validateAudioEdit, type AudioEditInput } from './upload.js';

export interface StageBlocClientOptions {
  /** A static access token, or use `tokenProvider`. */
  accessToken?: string;
  /** E.g. `clientCredentials(…)`. On a 401 the client calls `invalidate()` and retries a GET once. */
  tokenProvider?: { getToken(): Promise<string>; invalidate?(): void };
  /** Default `https://api.stagebloc.com/2.0/`. */
  baseUrl?: string;
  /** `json` (default) or `xml`: the endpoint extension. */
  format?: Format;
  /** Default `OAuth` (header `Authorization: OAuth <token>`, as StageBloc's PHP wrapper sends); e.g. `Bearer`. */
  authScheme?: string;
  /** Per attempt. Default 30 000. For uploads it is an inactivity timeout. */
  timeoutMs?: number;
  /** Retries after the first attempt, for GETs only. Default 3. */
  retries?: number;
  /** Backoff base: attempt n waits a uniform random time in [0, base·2^(n-1)]. Default 250. */
  retryBaseDelayMs?: number;
  /** A Retry-After longer than this fails fast. Default 60 000. */
  maxRetryAfterMs?: number;
  /** Requests in flight at once. Default 6. */
  concurrency?: number;
  /** Default 50 MiB. */
  maxResponseBytes?: number;
  userAgent?: string;
  /** Messages are already redacted. */
  onLog?: (event: { level: LogLevel; message: string }) => void;
  /**
   * Cancels every request of this client, queued, waiting to retry or on the wire (they
   * reject with the signal's reason), and stops its logging: e.g. once a command has failed.
   */
  signal?: AbortSignal;
}

export type AllParams<P> = Omit<P, 'limit' | 'offset'> & { pageSize?: number };

export interface ResourceApi<T, P> {
  list(params?: P): Promise<ListPage<T>>;
  get(id: number): Promise<T>;
  /** Every item, page by page (see paginate()). */
  all(params?: AllParams<P>): AsyncGenerator<T>;
}

export interface TracksApi extends ResourceApi<Track, TrackListParams> {
  /** Creates (no `id`) or edits a track via `/audio/edit`. Validated first; never retried. */
  edit(input: AudioEditInput): Promise<Track>;
}

export interface PlaylistsApi extends Omit<ResourceApi<Playlist, PlaylistListParams>, 'get'> {
  get(id: number, opts?: { includeTracks?: boolean }): Promise<Playlist>;
}

export interface AlbumsApi extends ResourceApi<Album, AlbumListParams> {
  /**
   * The ids of an album's photos, in the API's order (`/photos/list?album_id=`): each id is
   * checked, the rest of each photo is not normalized (a sync already has the photos).
   */
  photoIds(albumId: number): Promise<number[]>;
}

export interface AccountsApi {
  /** The accounts the token's user administers (`/accounts/list`; it takes no parameters). */
  list(): Promise<ListPage<Account>>;
}

export interface StageBlocClient {
  readonly format: Format;
  readonly baseUrl: string;
  tracks: TracksApi;
  playlists: PlaylistsApi;
  blog: ResourceApi<BlogEntry, BlogListParams>;
  photos: ResourceApi<Photo, PhotoListParams>;
  albums: AlbumsApi;
  /** Upcoming events only unless `includePast` (the API's defaults); `get(id)` finds past ones too. */
  events: ResourceApi<Event, EventListParams>;
  videos: ResourceApi<Video, VideoListParams>;
  statuses: ResourceApi<Status, StatusListParams>;
  accounts: AccountsApi;
  /** `/oauth2/token/info`: the account, user and application the token belongs to. */
  tokenInfo(): Promise<TokenInfo>;
  /**
   * How many requests (each retry counts) this client has handed to the network so far: a
   * sync's idle work lets a request just handed over be written first (sync/idle-queue.ts).
   */
  requestsStarted(): number;
  /** Low-level: GET a list endpoint with raw params, decoded but not normalized. */
  requestList(
    path: string,
    params: Record<string, string | number | undefined>,
  ): Promise<{ status: number; list: RawList }>;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  retries: 3,
  retryBaseDelayMs: 250,
  maxRetryAfterMs: 60_000,
  concurrency: 6,
  maxResponseBytes: 50 * 1024 * 1024,
  maxRedirects: 5,
  pageSize: 50,
} as const;

/** Field problems listed one by one (each once); past this many, one line says there are more. */
const MAX_REPORTED = 50;

const ACCEPT: Readonly<Record<Format, string>> = { json: 'application/json', xml: 'application/xml' };

export function createClient(options: StageBlocClientOptions): StageBlocClient {
  const format = options.format ?? 'json';
  if (format !== 'json' && format !== 'xml')
    throw new TypeError(`format must be 'json' or 'xml' (got ${String(format)})`);
  const baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const authScheme = options.authScheme ?? 'OAuth';
  const { accessToken, tokenProvider } = options;
  if (!tokenProvider && (typeof accessToken !== 'string' || accessToken.trim() === '')) {
    throw new StageBlocAuthError('No access token: pass accessToken or tokenProvider to createClient()', '');
  }

  const secrets = new Set<string>();
  if (accessToken) secrets.add(accessToken);

  const log = (level: LogLevel, message: string) => {
    if (!options.onLog) return;
    try {
      options.onLog({ level, message: redact(message, secrets) });
    } catch {
      // A failing logger must not fail the request it is describing.
    }
  };

  // Each field problem is said once per client, though an item may be fetched more than once.
  const reported = new Set<string>();
  const reportFor = (endpoint: string) => (message: string) => {
    const line = `${endpoint}: ${message}`;
    if (reported.has(line) || reported.size > MAX_REPORTED) return;
    reported.add(line);
    if (reported.size <= MAX_REPORTED) log('warn', line);
    else log('warn', `more fields were left out or cut than the ${MAX_REPORTED} listed above; not listing the rest`);
  };

  const concurrency = positive('concurrency', options.concurrency, DEFAULTS.concurrency);
  let requestsStarted = 0;
  const send = createTransport({
    timeoutMs: positive('timeoutMs', options.timeoutMs, DEFAULTS.timeoutMs),
    retries: nonNegative('retries', options.retries, DEFAULTS.retries),
    retryBaseDelayMs: nonNegative('retryBaseDelayMs', options.retryBaseDelayMs, DEFAULTS.retryBaseDelayMs),
    maxRetryAfterMs: nonNegative('maxRetryAfterMs', options.maxRetryAfterMs, DEFAULTS.maxRetryAfterMs),
    concurrency,
    maxResponseBytes: positive('maxResponseBytes', options.maxResponseBytes, DEFAULTS.maxResponseBytes),
    maxRedirects: DEFAULTS.maxRedirects,
    userAgent: options.userAgent ?? 'astro-stagebloc',
    log,
    secrets: () => secrets,
    ...(options.signal ? { signal: options.signal } : {}),
    onAttempt: () => {
      requestsStarted++;
    },
  });

  async function authorization(): Promise<string> {
    const token = tokenProvider ? await tokenProvider.getToken() : (accessToken as string);
    secrets.add(token);
    return `${authScheme} ${token}`;
  }

  function endpointUrl(endpoint: string, query: QueryParams = {}): URL {
    const url = new URL(`${endpoint.slice(1)}.${format}`, baseUrl);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url;
  }

  /** Sends with the current token; with a token provider, a 401 on a GET gets one fresh token and one more try. */
  async function sendAuthorized(request: Omit<HttpRequest, 'headers'>): Promise<HttpResponse> {
    const headers = { accept: ACCEPT[format], authorization: await authorization() };
    const response = await send({ ...request, headers });
    if (response.status !== 401 || !tokenProvider || request.method !== 'GET') return response;
    log('info', `${request.endpoint}: token rejected (HTTP 401); fetching a new token and retrying once`);
    tokenProvider.invalidate?.();
    return send({ ...request, headers: { ...headers, authorization: await authorization() } });
  }

  /** Runs `work`, scrubbing any error of every credential this client has seen. */
  async function guarded<R>(work: () => Promise<R>): Promise<R> {
    try {
      return await work();
    } catch (error) {
      throw redactError(error, secrets);
    }
  }

  async function getList(
    endpoint: string,
    query: QueryParams,
    signal?: AbortSignal,
    shape?: ListShape,
  ): Promise<{ status: number; list: RawList }> {
    const response = await sendAuthorized({
      method: 'GET',
      url: endpointUrl(endpoint, query),
      endpoint,
      retry: true,
      ...(signal ? { signal } : {}),
    });
    // Let the request that takes over this response's slot go out before this page is decoded.
    await new Promise((resolve) => setImmediate(resolve));
    return { status: response.status, list: decodeList(response.text, format, endpoint, response.status, shape) };
  }

  function resource<T, P>(
    endpoint: string,
    toQuery: (params: P) => QueryParams,
    normalize: Normalizer<T>,
    noun: string,
  ): ResourceApi<T, P> {
    const list = (params: P = {} as P, signal?: AbortSignal) =>
      guarded(async () => {
        const { list: raw } = await getList(endpoint, toQuery(params), signal);
        return normalizeList(raw, normalize, endpoint, reportFor(endpoint));
      });
    return {
      list,
      get: (id: number) =>
        guarded(async () => {
          const page = await list({ id } as P);
          return firstWithId(page.items, id, endpoint, noun);
        }),
      all: (params?: AllParams<P>) => walk(endpoint, toQuery, list, params),
    };
  }

  async function* walk<T, P>(
    endpoint: string,
    toQuery: (params: P) => QueryParams,
    list: (params: P, signal?: AbortSignal) => Promise<ListPage<T>>,
    params: AllParams<P> = {} as AllParams<P>,
  ): AsyncGenerator<T> {
    const { pageSize = DEFAULTS.pageSize, ...rest } = params;
    const base = rest as P;
    // id / playlist_id / album_id make the API ignore limit and offset: one request is the whole answer.
    if (isOverrideQuery(toQuery(base))) {
      const seen = new Set<unknown>();
      for (const item of (await list(base)).items) {
        const id = (item as { id?: unknown }).id;
        if (seen.has(id)) continue;
        seen.add(id);
        yield item;
      }
      return;
    }
    // Pages are requested ahead, so a long list is not a chain of round trips; the
    // transport's limit keeps the whole client within `concurrency` requests in flight.
    // Twice that many ahead keeps a freed slot busy even when pages finish out of order.
    yield* paginate((offset, limit, signal) => list({ ...base, offset, limit }, signal), {
      pageSize,
      endpoint,
      lookahead: 2 * concurrency,
    });
  }

  const tracksResource = resource(ENDPOINTS.tracks, trackListQuery, normalizeTrack, 'track');
  const playlistsResource = resource(ENDPOINTS.playlists, playlistListQuery, normalizePlaylist, 'playlist');

  return {
    format,
    baseUrl: baseUrl.toString(),
    tracks: {
      ...tracksResource,
      edit: (input: AudioEditInput) =>
        guarded(async () => {
          const endpoint = ENDPOINTS.audioEdit;
          const validated = await validateAudioEdit(input);
          const response = await sendAuthorized({
            method: 'POST',
            url: endpointUrl(endpoint),
            endpoint,
            retry: false,
            body: audioEditBody(input, validated),
          });
          const page = normalizeList(
            decodeList(response.text, format, endpoint, response.status),
            normalizeTrack,
            endpoint,
            reportFor(endpoint),
          );
          const track = page.items[0];
          if (!track) throw new StageBlocParseError('the response holds no track', endpoint, format);
          return track;
        }),
    },
    playlists: {
      ...playlistsResource,
      get: (id: number, opts: { includeTracks?: boolean } = {}) =>
        guarded(async () => {
          const playlist = await playlistsResource.get(id);
          if (!opts.includeTracks) return playlist;
          // With `id` the docs say every other parameter, include_tracks too, is ignored;
          // `/audio/list?playlist_id=` is the documented way to get a playlist's tracks.
          const tracks = await tracksResource.list({ playlistId: id });
          return { ...playlist, tracks: tracks.items };
        }),
    },
    blog: resource(ENDPOINTS.blog, blogListQuery, normalizeBlogEntry, 'blog entry'),
    photos: resource(ENDPOINTS.photos, photoListQuery, normalizePhoto, 'photo'),
    albums: {
      ...resource(ENDPOINTS.albums, albumListQuery, normalizeAlbum, 'album'),
      photoIds: (albumId: number) =>
        guarded(async () => {
          const { list } = await getList(ENDPOINTS.photos, photoListQuery({ albumId }));
          return normalizeList(list, normalizeId, ENDPOINTS.photos).items;
        }),
    },
    events: resource(ENDPOINTS.events, eventListQuery, normalizeEvent, 'event'),
    videos: resource(ENDPOINTS.videos, videoListQuery, normalizeVideo, 'video'),
    statuses: resource(ENDPOINTS.statuses, statusListQuery, normalizeStatus, 'status'),
    accounts: {
      list: () =>
        guarded(async () => {
          const { list } = await getList(ENDPOINTS.accounts, {});
          return normalizeList(list, normalizeAccount, ENDPOINTS.accounts, reportFor(ENDPOINTS.accounts));
        }),
    },
    requestsStarted: () => requestsStarted,
    tokenInfo: () =>
      guarded(async () => {
        const endpoint = ENDPOINTS.tokenInfo;
        const { list } = await getList(endpoint, {}, undefined, { totalOptional: true });
        const raw = list.items[0];
        if (!raw) throw new StageBlocParseError('the response holds no token info', endpoint, format);
        return normalizeTokenInfo(raw, endpoint, format);
      }),
    requestList: (path, params) =>
      guarded(() => {
        const query: QueryParams = {};
        for (const [name, value] of Object.entries(params)) if (value !== undefined) query[name] = String(value);
        return getList(apiPath(path), query);
      }),
  };
}

function firstWithId<T>(items: T[], id: number, endpoint: string, noun: string): T {
  const match = items.find((item) => (item as { id?: unknown }).id === id);
  if (match === undefined) throw new StageBlocApiError(`No ${noun} with id ${id}`, endpoint, 404);
  return match;
}

/** `audio/list`, `/audio/list.json` → `/audio/list`. */
function apiPath(path: string): string {
  const trimmed = path
    .trim()
    .replace(/^\/+/, '')
    .replace(/\.(json|xml)$/, '');
  if (trimmed === '' || /[?#]|\.\./.test(trimmed)) throw new TypeError(`Not an API path: ${JSON.stringify(path)}`);
  return `/${trimmed}`;
}

function parseBaseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(withTrailingSlash(value));
  } catch {
    throw new TypeError(`baseUrl is not a URL: ${JSON.stringify(redact(value))}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`baseUrl must be http(s) (got ${url.protocol})`);
  }
  if (url.search || url.hash) throw new TypeError('baseUrl must not have a query or fragment');
  return url;
}

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new TypeError(`${name} must be a positive number (got ${String(value)})`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) {
    throw new TypeError(`${name} must be zero or a positive number (got ${String(value)})`);
  }
  return value;
}
