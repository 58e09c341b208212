/**
 * Turns the media URLs a collection publishes into what its entries carry: in `remote`
 * mode the CDN URL plus measured width/height; in `self-host` mode a site-local path to a
 * cached copy (copied into the build output by the `stagebloc()` integration).
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ImageData } from '../schemas.js';
import type { AudioData, MediaLookup } from '../entries.js';
import { describeUrl, type MediaCache } from './media-cache.js';
import type { Dimensions } from './image-size.js';

export type MediaMode = 'remote' | 'self-host';

/** Whole-file downloads in flight at once (self-host mode): bandwidth-bound, not latency-bound. */
export const DOWNLOAD_CONCURRENCY = 4;

/** URL prefix under the site's base path where self-hosted files are served. */
export const SELF_HOST_PREFIX = '_stagebloc';

export function localMediaPath(base: string, kind: 'images' | 'audio', name: string): string {
  const trimmed = base.endsWith('/') ? base : `${base}/`;
  return `${trimmed}${SELF_HOST_PREFIX}/${kind}/${name}`;
}

export interface ResolveMediaInput {
  images: string[];
  /** Required audio (track streams): a failed download fails the sync. */
  audio: string[];
  /**
   * Optional audio (free 320 kb MP3s, derived URLs): self-hosted when the download works;
   * otherwise the lookup answers null and a warning names how many are missing.
   */
  highQualityAudio?: string[];
  mode: MediaMode;
  cache: MediaCache;
  /** Astro's `base`, so local paths work on sites not served from `/`. */
  base: string;
  warn: (message: string) => void;
}

export async function resolveMedia(input: ResolveMediaInput): Promise<MediaLookup> {
  const images = new Map<string, ImageData>();
  const imageFiles = new Map<string, string>();
  const audio = new Map<string, AudioData>();
  const unavailable = new Set<string>();
  const limit = pLimit(DOWNLOAD_CONCURRENCY);
  let missingExample = '';

  if (input.mode === 'remote') {
    let failed = 0;
    let example = '';
    // No limit here: the cache answers known sizes at once and queues probes itself, shared
    // by every collection measuring at the same time (IMAGE_PROBE_CONCURRENCY in media-cache.ts).
    const record = (url: string, dims: Dimensions | null) => {
      if (!dims) {
        failed++;
        example ||= describeUrl(url);
      }
      images.set(url, dims ? { url, ...dims } : { url });
    };
    // Known sizes without a promise each (a rebuild looks up thousands); the rest are measured.
    const measuring: Promise<void>[] = [];
    for (const url of input.images) {
      const known = input.cache.knownImageSize(url);
      if (known) record(url, known);
      else measuring.push(input.cache.imageSize(url).catch(() => null).then((dims) => record(url, dims)));
    }
    await Promise.all(measuring);
    if (failed > 0) {
      input.warn(`Could not read the size of ${failed} image(s) (e.g. ${example}); they are published without width/height.`);
    }
  } else {
    await Promise.all([
      ...input.images.map((url) =>
        limit(async () => {
          const file = await input.cache.download(url, 'image');
          const local: ImageData = { url: localMediaPath(input.base, 'images', file.name) };
          imageFiles.set(url, join(input.cache.filesDir, file.name));
          if (file.width && file.height) Object.assign(local, { width: file.width, height: file.height });
          images.set(url, local);
        }),
      ),
      ...input.audio.map((url) =>
        limit(async () => {
          const file = await input.cache.download(url, 'audio');
          audio.set(url, { url: localMediaPath(input.base, 'audio', file.name), bytes: file.bytes });
        }),
      ),
      ...(input.highQualityAudio ?? []).map((url) =>
        limit(async () => {
          try {
            const file = await input.cache.download(url, 'audio');
            audio.set(url, { url: localMediaPath(input.base, 'audio', file.name), bytes: file.bytes });
          } catch (error) {
            // Never fall back to the CDN URL: a self-hosted site must not depend on it.
            unavailable.add(url);
            missingExample ||= error instanceof Error ? error.message : describeUrl(url);
          }
        }),
      ),
    ]);
    if (unavailable.size > 0) {
      input.warn(
        `${unavailable.size} free 320 kb MP3(s) could not be downloaded (e.g. ${missingExample}); those tracks are published ` +
          'without highQualityUrl. Run `astro build --force` to try again.',
      );
    }
  }
  await input.cache.flush();
  return {
    image: (url) => images.get(url) ?? { url },
    audio: (url) => (unavailable.has(url) ? null : (audio.get(url) ?? { url, bytes: null })),
    imageFile: (url) => imageFiles.get(url),
  };
}
