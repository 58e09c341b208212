/**
 * A loader's entries from content: the media its items publish (measured or self-hosted),
 * the mapping (only the items asked for), media in HTML, and the collection schema. Shared
 * by a sync that maps from the whole account and one that maps only the items a change holds.
 */
import type { LoaderContext } from 'astro/loaders';
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import { mediaUrlsOf } from '../content/entries.js';
import { mappers } from '../content/mappers.js';
import type { PreparedRichText } from '../content/rich-text.js';
import type { HostGate } from '../sync/media/host-gate.js';
import { selfHostHtmlMedia } from '../content/media/html-media.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import { stageblocMediaMatcher } from '../content/media/media-hosts.js';
import { resolveMedia } from '../content/media/resolve-media.js';
import { stageblocRuntime } from './runtime.js';
import type { ResolvedSettings } from './settings.js';
import { mappingOptionsFor } from './work-ahead.js';
import type { EntryValidator, ValidatedEntry } from './validate-entries.js';

export interface MapRequest {
  collection: CollectionName;
  content: AccountContent;
  /** Map only these items; default all. */
  only?: (item: { id: number }) => boolean;
  /** The media URLs the account blocks, when `content` is not the whole account. */
  blocked?: ReadonlySet<string>;
  /** Self-hosting: the account's media hosts (accountMediaHosts). */
  mediaHosts: () => Iterable<string>;
  settings: ResolvedSettings;
  ctx: LoaderContext;
  probeGate: HostGate;
  richText: PreparedRichText;
  validator: EntryValidator;
}

export interface MappedEntries {
  entries: ValidatedEntry[];
  /** Some entries link to files in the self-hosted media cache. */
  selfHostedMedia: boolean;
  /** Some image was published without its size (its host was unreachable). */
  unmeasuredImages: boolean;
}

export async function mapEntries(request: MapRequest): Promise<MappedEntries> {
  const { collection, content, only, settings, ctx, probeGate } = request;
  const mediaUrls = mediaUrlsOf(collection, content, settings.policy, only);
  const media = await prepareMedia(collection, mediaUrls, settings, ctx, probeGate);
  const unmeasuredImages = settings.media === 'remote' && mediaUrls.images.some((url) => probeGate.givenUp(url));
  let mapped = mappers[collection](content, {
    ...mappingOptionsFor(settings, request.richText),
    ...(media ? { media } : {}),
    ...(only ? { only } : {}),
    ...(request.blocked ? { blocked: request.blocked } : {}),
  });
  let htmlMedia = false;
  if (settings.media === 'self-host') {
    const localized = await selfHostHtmlMedia(mapped, {
      isMedia: stageblocMediaMatcher([...request.mediaHosts(), ...settings.mediaHosts]),
      cache: mediaCacheFor(settings.mediaDir),
      base: ctx.config.base,
      warn: (message) => ctx.logger.warn(`${collection}: ${message}`),
      offline: settings.source.kind === 'snapshot',
    });
    htmlMedia = localized !== mapped;
    mapped = localized;
  }
  const entries: ValidatedEntry[] = [];
  for (const entry of mapped) entries.push(await request.validator.validate(entry));
  return { entries, selfHostedMedia: media !== undefined || htmlMedia, unmeasuredImages };
}

async function prepareMedia(
  collection: CollectionName,
  urls: ReturnType<typeof mediaUrlsOf>,
  settings: ResolvedSettings,
  ctx: LoaderContext,
  probeGate: HostGate,
) {
  if (urls.images.length === 0 && urls.audio.length === 0 && urls.highQualityAudio.length === 0) return undefined;
  const runtime = stageblocRuntime();
  if (settings.media === 'self-host') {
    if (!runtime.integration) {
      ctx.logger.warn(
        "media: 'self-host' needs the stagebloc() integration in astro.config.mjs to copy media files into the build; without it the local media URLs will 404.",
      );
    }
  }
  return resolveMedia({
    images: urls.images,
    audio: settings.media === 'self-host' ? urls.audio : [],
    highQualityAudio: settings.media === 'self-host' ? urls.highQualityAudio : [],
    mode: settings.media,
    cache: mediaCacheFor(settings.mediaDir),
    base: ctx.config.base,
    probeGate,
    info: (message) => ctx.logger.info(`${collection}: ${message}`),
    warn: (message) => ctx.logger.warn(`${collection}: ${message}`),
  });
}
