/**
 * Turns the media URLs a collection publishes into what its entries carry: in `remote`
 * mode the CDN URL plus measured width/height; in `self-host` mode a site-local path to a
 * cached copy (copied into the build output by the `stagebloc()` integration).
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { ImageData } from '../entry-data.js';
import type { AudioData, MediaLookup } from '../entries.js';
import type { HostGate } from '../../sync/media/host-gate.js';
import { describeUrl, type MediaCache } from '../../sync/media/media-cache.js';
import type { Dimensions } from '../../sync/media/image-size.js';

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
  /** The sync's gate for image-size probes (remote mode): an unreachable host is given up. */
  probeGate?: HostGate;
  /** Progress of a long measuring phase. */
  info?: (message: string) => void;
  warn: (message: string) => void;
}

/** Measuring fewer image sizes than this is quick: no progress lines. */
const PROGRESS_FROM = 100;

/** "1,200 of 4,872 image sizes measured" at every tenth of a long measuring phase. */
function measuringProgress(total: number, info: ((message: string) => void) | undefined): () => void {
  if (!info || total < PROGRESS_FROM) return () => undefined;
  let done = 0;
  let next = Math.ceil(total / 10);
  const count = (n: number) => n.toLocaleString('en-US');
  return () => {
    done++;
    if (done < next && done < total) return;
    info(`${count(done)} of ${count(total)} image sizes measured`);
    next = Math.min(total, done + Math.ceil(total / 10));
  };
}

/** An image as a remote-media entry publishes it: the CDN URL, with its size when measured. */
export function remoteImage(url: string, size: Dimensions | null | undefined): ImageData {
  return size ? { url, ...size } : { url };
}

export async function resolveMedia(input: ResolveMediaInput): Promise<MediaLookup> {
  const images = new Map<string, ImageData>();
  const imageFiles = new Map<string, string>();
  const audio = new Map<string, AudioData>();
  const unavailable = new Set<string>();
  const limit = pLimit(DOWNLOAD_CONCURRENCY);
  let missingExample = '';

  if (input.mode === 'remote') {
    const unmeasured: string[] = [];
    // No limit here: the cache answers known sizes at once and queues probes itself, shared
    // by every collection measuring at the same time (IMAGE_PROBE_CONCURRENCY in media-cache.ts).
    const record = (url: string, dims: Dimensions | null) => {
      if (!dims) unmeasured.push(url);
      images.set(url, remoteImage(url, dims));
    };
    // Known sizes without a promise each (a rebuild looks up thousands); the rest are measured.
    const unknown = input.images.filter((url) => {
      const known = input.cache.knownImageSize(url);
      if (known) record(url, known);
      return !known;
    });
    const progress = measuringProgress(unknown.length, input.info);
    await Promise.all(
      unknown.map((url) =>
        input.cache
          .imageSize(url, input.probeGate)
          .catch(() => null)
          .then((dims) => {
            record(url, dims);
            progress();
          }),
      ),
    );
    // Images on a host given up are covered by the gate's own warning.
    const failed = unmeasured.filter((url) => !input.probeGate?.givenUp(url));
    if (failed.length > 0) {
      input.warn(
        `Could not read the size of ${failed.length} image(s) (e.g. ${describeUrl(failed[0]!)}); they are published without width/height.`,
      );
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
