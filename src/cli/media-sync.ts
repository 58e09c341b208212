import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pLimit from 'p-limit';
import { discard, headerValue, httpRequest, isOk } from '../http/request.js';
import { dimensionsFromBytes } from '../sync/index.js';
import {
  MEDIA_DIR,
  MEDIA_FILES_DIR,
  MEDIA_MANIFEST_FORMAT,
  MEDIA_MANIFEST_VERSION,
  cacheIndexFromManifest,
  mediaFilePath,
  mediaIndexPath,
  mediaManifestPath,
  type MediaFileEntry,
  type MediaKind,
  type MediaManifest,
} from './media-manifest.js';

export interface MediaReference {
  url: string;
  kind: MediaKind;
}

export interface MediaSyncOptions {
  references: readonly MediaReference[];
  /** Snapshot directory being built. */
  targetDir: string;
  /** The snapshot being replaced, and its manifest, to reuse unchanged files from. */
  previousDir: string;
  previous: MediaManifest | undefined;
  concurrency?: number;
  timeoutMs?: number;
  /** Refuse files larger than this (a CDN answering with something unexpected). */
  maxBytes?: number;
  onFile?: (event: { done: number; total: number; reused: boolean }) => void;
}

export interface MediaSyncResult {
  downloaded: number;
  reused: number;
  bytesDownloaded: number;
}

const CONTENT_TYPE_EXT: Record<string, string> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
};
const KNOWN_EXT: Record<MediaKind, readonly string[]> = {
  image: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif'],
  audio: ['mp3', 'm4a', 'ogg', 'wav', 'aiff'],
};
/** Image headers that carry the dimensions are in the first bytes. */
const IMAGE_HEAD_BYTES = 256 * 1024;

/**
 * Fills `<target>/media` with the given media and writes its manifest and the
 * loaders' cache index. A file of the previous snapshot is reused (hard-linked)
 * when the server says it has not changed: the same ETag (asked with
 * If-None-Match on a HEAD), or, for files saved without an ETag, the same size.
 * Everything else is downloaded, streamed to disk. Media hosts are CDNs: no
 * credentials are ever sent to them.
 */
export async function syncMedia(options: MediaSyncOptions): Promise<MediaSyncResult> {
  const manifest: MediaManifest = { format: MEDIA_MANIFEST_FORMAT, version: MEDIA_MANIFEST_VERSION, files: {} };
  const limit = pLimit(options.concurrency ?? 4);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  await mkdir(join(options.targetDir, MEDIA_DIR, MEDIA_FILES_DIR), { recursive: true });
  const result: MediaSyncResult = { downloaded: 0, reused: 0, bytesDownloaded: 0 };
  let done = 0;

  await Promise.all(
    options.references.map(({ url, kind }) =>
      limit(async () => {
        const before = options.previous?.files[url];
        const kept =
          before && before.kind === kind
            ? await reuseIfUnchanged(url, before, options.previousDir, options.targetDir, timeoutMs)
            : undefined;
        if (kept) {
          manifest.files[url] = kept;
          result.reused += 1;
        } else {
          const entry = await download(url, kind, options.targetDir, timeoutMs, maxBytes);
          manifest.files[url] = entry;
          result.downloaded += 1;
          result.bytesDownloaded += entry.size;
        }
        done += 1;
        options.onFile?.({ done, total: options.references.length, reused: kept !== undefined });
      }),
    ),
  );
  // Sorted, so an unchanged account gives byte-identical files.
  manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  await writeFile(mediaManifestPath(options.targetDir), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(mediaIndexPath(options.targetDir), JSON.stringify(cacheIndexFromManifest(manifest)));
  return result;
}

async function reuseIfUnchanged(
  url: string,
  before: MediaFileEntry,
  previousDir: string,
  targetDir: string,
  timeoutMs: number,
): Promise<MediaFileEntry | undefined> {
  const headers: Record<string, string> = before.etag ? { 'if-none-match': before.etag } : {};
  const response = await httpRequest(new URL(url), {
    method: 'HEAD',
    headers,
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
  });
  discard(response);
  const etag = headerValue(response.headers, 'etag');
  const length = headerValue(response.headers, 'content-length');
  const unchanged = before.etag
    ? response.statusCode === 304 || (isOk(response) && etag === before.etag)
    : isOk(response) && length !== undefined && Number(length) === before.size;
  if (!unchanged) return undefined;
  try {
    await linkOrCopy(mediaFilePath(previousDir, before.name), mediaFilePath(targetDir, before.name));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return before; // two URLs with the same content
    if (code === 'ENOENT') return undefined; // the old file is gone: download again
    throw error;
  }
  return before;
}

async function download(
  url: string,
  kind: MediaKind,
  targetDir: string,
  timeoutMs: number,
  maxBytes: number,
): Promise<MediaFileEntry> {
  const protocol = new URL(url).protocol;
  if (protocol !== 'http:' && protocol !== 'https:') throw new Error(`Refusing to download ${describeUrl(url)}`);
  const response = await httpRequest(new URL(url), {
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
    maxBodyBytes: maxBytes,
  });
  if (!isOk(response)) {
    discard(response);
    throw new Error(`Downloading ${describeUrl(url)} failed with HTTP ${response.statusCode}`);
  }
  const filesDir = join(targetDir, MEDIA_DIR, MEDIA_FILES_DIR);
  const partial = join(filesDir, `.download-${process.pid}-${randomBytes(4).toString('hex')}`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const source = response.body;
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) source.destroy(new Error(`${describeUrl(url)} is larger than ${maxBytes} bytes`));
    hash.update(chunk);
    if (kind === 'image' && headBytes < IMAGE_HEAD_BYTES) {
      head.push(chunk);
      headBytes += chunk.length;
    }
  });
  try {
    await pipeline(source, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  // Content-addressed, like the loaders' cache: a changed file gets a new name (and URL on the site).
  const name = `${hash.digest('hex').slice(0, 16)}.${extensionFor(url, headerValue(response.headers, 'content-type') ?? null, kind)}`;
  await rename(partial, join(filesDir, name));
  const entry: MediaFileEntry = { kind, name, size, etag: headerValue(response.headers, 'etag') ?? null };
  if (kind === 'image') {
    const dims = await dimensionsFromBytes(Buffer.concat(head));
    if (dims) Object.assign(entry, dims);
  }
  return entry;
}

async function linkOrCopy(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK' || code === 'ENOTSUP') await copyFile(from, to);
    else throw error;
  }
}

/** File names never come from the server: a content hash plus a known extension. */
function extensionFor(url: string, contentType: string | null, kind: MediaKind): string {
  const fromPath = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
  if (fromPath && KNOWN_EXT[kind].includes(fromPath)) return fromPath;
  const mime = contentType?.split(';')[0]?.trim().toLowerCase();
  return (mime && CONTENT_TYPE_EXT[mime]) || (kind === 'audio' ? 'mp3' : 'bin');
}

/** Origin and path only: media URLs may carry signed query strings. */
function describeUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}
