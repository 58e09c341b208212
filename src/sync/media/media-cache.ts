/**
 * Cross-build cache for media work: measured image sizes (remote mode) and downloaded
 * files (self-host mode), keyed by source URL. Downloaded files are named by a hash of
 * their content, so an unchanged file is never stored twice and a changed one gets a new
 * URL (safe to cache forever in browsers).
 *
 *   <dir>/index.json            { version: 2, sizes: [[url, width, height], …], files: [[url, {name,bytes?,width?,height?}], …] }
 *   <dir>/files/<sha256-16>.<ext>
 *
 * The index is rows rather than objects keyed by URL, sizes sorted by URL: a rebuild reads it
 * whole, rows parse several times faster, and a size is found by binary search without
 * building a map of every URL. Version 1 (objects keyed by URL, as `stagebloc snapshot
 * --media` writes it into a snapshot) reads too.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pLimit from 'p-limit';
import { discard, headerValue, httpRequest, isOk, type ResponseData } from '../../http/request.js';
import { writeFileAtomic } from '../atomic-write.js';
import type { HostGate } from './host-gate.js';
import { dimensionsFromBytes, measureRemoteImage, type Dimensions } from './image-size.js';

export type MediaKind = 'image' | 'audio';

export interface CachedFile {
  /** `<sha256-16>.<ext>` inside `<dir>/files/`. */
  name: string;
  /** File size. Indexes written before it was recorded (or by `stagebloc snapshot`) lack it; `download()` fills it in. */
  bytes?: number;
  width?: number;
  height?: number;
}

/** A media download that failed; `status` is the HTTP status when the server answered. */
export class MediaDownloadError extends Error {
  readonly code = 'MEDIA_DOWNLOAD' as const;
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'MediaDownloadError';
  }
}

/** The server says the file is not there (S3-style CDNs answer 403 for missing keys): retrying won't help. */
export function isMissingMedia(error: unknown): boolean {
  return error instanceof MediaDownloadError && (error.status === 403 || error.status === 404 || error.status === 410);
}

interface IndexFile {
  sizes: SizeIndex;
  files: Map<string, CachedFile>;
}

type SizeRow = [url: string, width: number, height: number];

/** Sizes by URL: the rows read (sorted by URL, searched in place) and the ones measured since. */
class SizeIndex {
  private readonly added = new Map<string, Dimensions>();
  constructor(private readonly rows: SizeRow[]) {
    for (let i = 1; i < rows.length; i++) {
      if (rows[i - 1]![0] >= rows[i]![0]) {
        rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        break;
      }
    }
  }
  get(url: string): Dimensions | undefined {
    const added = this.added.get(url);
    if (added) return added;
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.rows[middle]![0] < url) low = middle + 1;
      else high = middle;
    }
    const row = this.rows[low];
    return row && row[0] === url ? { width: row[1], height: row[2] } : undefined;
  }
  set(url: string, dims: Dimensions): void {
    this.added.set(url, dims);
  }
  /** Every size, sorted by URL. */
  toRows(): SizeRow[] {
    if (this.added.size === 0) return this.rows;
    const merged = new Map(this.rows.map((row) => [row[0], row]));
    for (const [url, { width, height }] of this.added) merged.set(url, [url, width, height]);
    return [...merged.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
}

type StoredIndex =
  | { version: 1; sizes?: Record<string, Dimensions>; files?: Record<string, CachedFile> }
  | { version: 2; sizes: SizeRow[]; files: Array<[url: string, CachedFile]> };

function indexFrom(stored: StoredIndex): IndexFile {
  if (stored.version === 1) {
    const rows = Object.entries(stored.sizes ?? {}).map(([url, { width, height }]): SizeRow => [url, width, height]);
    return { sizes: new SizeIndex(rows), files: new Map(Object.entries(stored.files ?? {})) };
  }
  if (stored.version !== 2 || !Array.isArray(stored.sizes) || !Array.isArray(stored.files))
    throw new Error('unknown version');
  return {
    sizes: new SizeIndex(stored.sizes.filter(isSizeRow)),
    files: new Map(stored.files.filter((row) => Array.isArray(row) && typeof row[0] === 'string')),
  };
}

function isSizeRow(row: unknown): row is SizeRow {
  return Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'number' && typeof row[2] === 'number';
}

function storedFrom(index: IndexFile): StoredIndex {
  return { version: 2, sizes: index.sizes.toRows(), files: [...index.files] };
}

export interface MediaCache {
  readonly dir: string;
  readonly filesDir: string;
  /**
   * Cached or measured size of a remote image; null when it cannot be read or `gate` has
   * given up its host. Pass the sync's gate so an unreachable host is not probed for every image.
   */
  imageSize(url: string, gate?: HostGate): Promise<Dimensions | null>;
  /**
   * The size already in the index, without waiting: a rebuild looks up thousands of known
   * sizes, and a promise for each cost more than the lookup. Undefined when not known (yet).
   */
  knownImageSize(url: string): Dimensions | undefined;
  /** Starts reading the index, for lookups soon (a rebuild reads it while it waits on the API). */
  preload(): void;
  /** Downloads (once) and returns the cached file for a media URL, with its size. */
  download(url: string, kind: MediaKind): Promise<CachedFile & { bytes: number }>;
  /** Persists the index (atomically). */
  flush(): Promise<void>;
}

/**
 * Image-size probes in flight at once, across every collection sharing this cache. Each is
 * one small Range request to the media CDN, not the API, so this is well above the API
 * client's concurrency: a large account's first build sends tens of thousands of them, and
 * at the API's concurrency it would wait on sizes alone for minutes.
 */
export const IMAGE_PROBE_CONCURRENCY = 32;

const MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024;
const DOWNLOAD_ATTEMPTS = 3;
const DROPPED_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/** The connection closed before an answer began (not a refusal, a timeout or an HTTP error). */
function isConnectionDropped(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && DROPPED_CONNECTION_CODES.has(code);
}
const EXTENSIONS: Record<MediaKind, readonly string[]> = {
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif'],
  audio: ['mp3', 'm4a', 'ogg', 'wav', 'aiff'],
};
const CONTENT_TYPE_EXT: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
};

function extensionFor(url: string, contentType: string | null, kind: MediaKind): string {
  const fromPath = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  if (fromPath && EXTENSIONS[kind].includes(fromPath)) return fromPath;
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  const fromType = mime ? CONTENT_TYPE_EXT[mime] : undefined;
  return fromType ?? (kind === 'audio' ? 'mp3' : 'bin');
}

/** Origin + path only: media URLs are public, but query strings could carry signatures. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

const caches = new Map<string, MediaCache>();

/** One cache object per directory per process, so concurrent loaders share its index. */
export function mediaCacheFor(dir: string): MediaCache {
  let cache = caches.get(dir);
  if (!cache) {
    cache = createMediaCache(dir);
    caches.set(dir, cache);
  }
  return cache;
}

function createMediaCache(dir: string): MediaCache {
  const filesDir = join(dir, 'files');
  const indexPath = join(dir, 'index.json');
  let index: Promise<IndexFile> | undefined;
  let loaded: IndexFile | undefined;
  let dirty = false;
  let writing: Promise<void> = Promise.resolve();
  const inFlight = new Map<string, Promise<unknown>>();
  const probeLimit = pLimit(IMAGE_PROBE_CONCURRENCY);

  const loadIndex = () =>
    (index ??= readFile(indexPath, 'utf8')
      .then((text) => indexFrom(JSON.parse(text) as StoredIndex))
      .catch((): IndexFile => ({ sizes: new SizeIndex([]), files: new Map() }))
      .then((idx) => (loaded = idx)));

  function once<T>(key: string, work: () => Promise<T>): Promise<T> {
    const existing = inFlight.get(key) as Promise<T> | undefined;
    if (existing) return existing;
    const promise = work().finally(() => inFlight.delete(key));
    inFlight.set(key, promise);
    return promise;
  }

  /** Size of a cached file, or null when it is gone. */
  const fileSize = (name: string) =>
    stat(join(filesDir, name)).then(
      (s) => (s.isFile() ? s.size : null),
      () => null,
    );

  async function fetchToCache(url: string, kind: MediaKind, idx: IndexFile): Promise<CachedFile & { bytes: number }> {
    const protocol = new URL(url).protocol;
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new MediaDownloadError(`Refusing to download ${describeUrl(url)}`, null);
    let response: ResponseData;
    for (let attempt = 1; ; attempt++) {
      try {
        response = await httpRequest(new URL(url), {
          redirect: 'follow',
          signal: AbortSignal.timeout(120_000),
          maxBodyBytes: MAX_DOWNLOAD_BYTES,
        });
        break;
      } catch (error) {
        // A kept-alive connection the server closed as this request went out: a GET is safe to send again.
        if (attempt < DOWNLOAD_ATTEMPTS && isConnectionDropped(error)) continue;
        throw new MediaDownloadError(
          `Downloading ${describeUrl(url)} failed: ${error instanceof Error ? error.message : String(error)}`,
          null,
        );
      }
    }
    if (!isOk(response)) {
      discard(response);
      throw new MediaDownloadError(
        `Downloading ${describeUrl(url)} failed with HTTP ${response.statusCode}`,
        response.statusCode,
      );
    }
    await mkdir(filesDir, { recursive: true });
    const temp = join(filesDir, `.download-${process.pid}-${randomBytes(4).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const headChunks: Buffer[] = [];
    let headSize = 0;
    const source = response.body;
    source.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DOWNLOAD_BYTES)
        source.destroy(new MediaDownloadError(`${describeUrl(url)} is larger than ${MAX_DOWNLOAD_BYTES} bytes`, null));
      hash.update(chunk);
      if (kind === 'image' && headSize < 256 * 1024) {
        headChunks.push(chunk);
        headSize += chunk.length;
      }
    });
    try {
      await pipeline(source, createWriteStream(temp));
    } catch (error) {
      await rm(temp, { force: true });
      if (error instanceof MediaDownloadError) throw error;
      throw new MediaDownloadError(
        `Downloading ${describeUrl(url)} failed: ${error instanceof Error ? error.message : String(error)}`,
        null,
      );
    }
    const name = `${hash.digest('hex').slice(0, 16)}.${extensionFor(url, headerValue(response.headers, 'content-type') ?? null, kind)}`;
    await rename(temp, join(filesDir, name));
    const entry: CachedFile & { bytes: number } = { name, bytes: size };
    if (kind === 'image') {
      const dims = await dimensionsFromBytes(Buffer.concat(headChunks));
      if (dims) Object.assign(entry, dims);
    }
    idx.files.set(url, entry);
    dirty = true;
    return entry;
  }

  return {
    dir,
    filesDir,
    knownImageSize(url) {
      if (!loaded) void loadIndex();
      return loaded?.sizes.get(url);
    },
    preload() {
      void loadIndex();
    },
    async imageSize(url, gate) {
      const idx = await loadIndex();
      const known = idx.sizes.get(url);
      if (known) return known;
      return once(`size:${url}`, async () => {
        const probe = () => probeLimit(() => measureRemoteImage(url));
        const dims = gate ? ((await gate.run(url, probe)) ?? null) : await probe();
        if (dims) {
          idx.sizes.set(url, dims);
          dirty = true;
        }
        return dims;
      });
    },
    async download(url, kind) {
      const idx = await loadIndex();
      const known = idx.files.get(url);
      if (known) {
        const bytes = await fileSize(known.name);
        if (bytes !== null) {
          if (known.bytes !== bytes) {
            known.bytes = bytes;
            dirty = true;
          }
          return { ...known, bytes };
        }
      }
      return once(`file:${url}`, () => fetchToCache(url, kind, idx));
    },
    async flush() {
      const idx = await loadIndex();
      // Chained so two loaders flushing at once never interleave their writes.
      writing = writing.then(async () => {
        if (!dirty) return;
        dirty = false;
        await writeFileAtomic(indexPath, JSON.stringify(storedFrom(idx)));
      });
      await writing;
    },
  };
}
