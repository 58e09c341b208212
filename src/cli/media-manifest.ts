import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Dimensions } from '../sync/index.js';

/**
 * The media part of a snapshot is laid out as a loaders media cache
 * (src/loaders/media/media-cache.ts), so a build from the snapshot can use
 * `<snapshot>/media` as its cache and needs no network for media either:
 *
 *   <snapshot>/media/files/<sha256-16>.<ext>   content-addressed files
 *   <snapshot>/media/index.json                 the cache index (version 1)
 *   <snapshot>/media/manifest.json              this module: what the server said about
 *                                               each URL, so re-runs skip unchanged files
 */
export const MEDIA_DIR = 'media';
export const MEDIA_FILES_DIR = 'files';
export const MEDIA_MANIFEST_FORMAT = 'astro-stagebloc-media';
export const MEDIA_MANIFEST_VERSION = 1;

export type MediaKind = 'image' | 'audio';

export interface MediaFileEntry {
  kind: MediaKind;
  /** File name inside `media/files/`. */
  name: string;
  size: number;
  etag: string | null;
  width?: number;
  height?: number;
}

export interface MediaManifest {
  format: typeof MEDIA_MANIFEST_FORMAT;
  version: typeof MEDIA_MANIFEST_VERSION;
  files: Record<string, MediaFileEntry>;
}

/** Mirrors the loaders' media cache index v1 (`{ version, sizes, files }`). */
export interface MediaCacheIndex {
  version: 1;
  sizes: Record<string, Dimensions>;
  files: Record<string, { name: string; width?: number; height?: number }>;
}

export const mediaManifestPath = (snapshotDir: string) => join(snapshotDir, MEDIA_DIR, 'manifest.json');
export const mediaIndexPath = (snapshotDir: string) => join(snapshotDir, MEDIA_DIR, 'index.json');
export const mediaFilePath = (snapshotDir: string, name: string) => join(snapshotDir, MEDIA_DIR, MEDIA_FILES_DIR, name);

/** The previous run's manifest; an absent or unreadable one means "download everything". */
export async function readMediaManifest(snapshotDir: string): Promise<MediaManifest | undefined> {
  try {
    const raw = JSON.parse(await readFile(mediaManifestPath(snapshotDir), 'utf8')) as Partial<MediaManifest>;
    const valid =
      raw.format === MEDIA_MANIFEST_FORMAT &&
      raw.version === MEDIA_MANIFEST_VERSION &&
      typeof raw.files === 'object' &&
      raw.files !== null;
    return valid ? (raw as MediaManifest) : undefined;
  } catch {
    return undefined;
  }
}

export function cacheIndexFromManifest(manifest: MediaManifest): MediaCacheIndex {
  const index: MediaCacheIndex = { version: 1, sizes: {}, files: {} };
  for (const [url, entry] of Object.entries(manifest.files)) {
    const dims = entry.width && entry.height ? { width: entry.width, height: entry.height } : undefined;
    index.files[url] = { name: entry.name, ...dims };
    if (dims) index.sizes[url] = dims;
  }
  return index;
}
