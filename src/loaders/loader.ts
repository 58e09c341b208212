/**
 * The Astro Content Layer loader shared by every StageBloc collection. Each `load()`:
 * resolves settings, joins its group's sync round, compares the cheap-check fingerprints
 * with what `meta` remembers (no change: done, nothing re-set), otherwise maps the entries
 * the change reaches (entry-reuse.ts keeps the others as stored), validates them with the
 * collection schema, resolves their media, waits for the whole group to get that far, and
 * only then sets changed entries (by digest) and deletes the ones that disappeared.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { GROUPS, groupOf, type AccountContent, type CollectionName } from '../sync/account-data.js';
import { mediaUrlsOf } from '../content/entries.js';
import { mappers } from '../content/mappers.js';
import { explainSyncError } from '../sync/errors.js';
import type { HostGate } from '../sync/media/host-gate.js';
import { selfHostHtmlMedia } from '../content/media/html-media.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import { accountMediaHosts, stageblocMediaMatcher } from '../content/media/media-hosts.js';
import { resolveMedia } from '../content/media/resolve-media.js';
import { stageblocRuntime } from './runtime.js';
import { collectionSchemas } from './schemas.js';
import { resolveSettings, type ResolvedSettings, type StageblocLoaderOptions } from './settings.js';
import { connectApiSource, snapshotSource, type ContentSource, type Fingerprints } from '../sync/sources.js';
import { hashOfItem, keepUnusedWorkAhead, mappingOptionsFor, persistWorkAhead, startWorkAhead } from './work-ahead.js';
import { joinRound } from '../sync/sync-round.js';
import { entryValidator, type ValidatedEntry } from './validate-entries.js';
import { entryInputs } from '../content/entry-inputs.js';
import { planReuse, reuseScope, type ReusePlan } from './entry-reuse.js';
import { inItemOrder, startEntriesAhead } from './entries-ahead.js';

export const LOADER_NAME = 'astro-stagebloc';

/** What `meta` remembers between builds (per collection). */
interface SyncState {
  outputKey: string;
  fingerprints: Fingerprints;
  count: number;
  /** Entries link to files in the self-hosted media cache. */
  selfHostedMedia?: boolean;
  /** Images were published without sizes because their host was unreachable: the next build measures again. */
  unmeasuredImages?: boolean;
}

const STATE_KEY = 'astro-stagebloc:sync-state';

function readState(ctx: LoaderContext): SyncState | undefined {
  const raw = ctx.meta.get(STATE_KEY);
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as SyncState;
  } catch {
    return undefined;
  }
}

function sameFingerprints(a: Fingerprints, b: Fingerprints, collections: readonly CollectionName[]): boolean {
  return collections.every((c) => a[c] !== undefined && a[c] === b[c]);
}

// Sources are shared per settings so concurrent loaders reuse one client (one connection pool, one concurrency bound).
const sources = new Map<string, ContentSource>();

function sourceFor(
  settings: ResolvedSettings,
  pageSize: number | undefined,
  logger: LoaderContext['logger'],
): ContentSource {
  const key = `${settings.key}|${pageSize ?? ''}`;
  let source = sources.get(key);
  if (!source) {
    if (settings.source.kind === 'snapshot') {
      source = snapshotSource(settings.source.dir);
    } else {
      source = connectApiSource(
        {
          accessToken: settings.source.token,
          baseUrl: settings.source.baseUrl,
          format: settings.source.format,
          // Retries and fields left out of what the API sent (already redacted by the client).
          onLog: ({ level, message }) => logger[level](message),
          ...settings.client,
        },
        { drafts: settings.policy.drafts, ...(pageSize ? { pageSize } : {}) },
      );
    }
    sources.set(key, source);
  }
  return source;
}

export interface CollectionLoaderOptions extends StageblocLoaderOptions {
  /** Page size for list walks (default: the client's, 50). */
  pageSize?: number;
}

export function createCollectionLoader(collection: CollectionName, options: CollectionLoaderOptions = {}): Loader {
  return {
    name: LOADER_NAME,
    schema: collectionSchemas[collection],
    load: (ctx) => loadCollection(collection, options, ctx),
  };
}

async function loadCollection(
  collection: CollectionName,
  options: CollectionLoaderOptions,
  ctx: LoaderContext,
): Promise<void> {
  const settings = resolveSettings(options, {
    env: { ...stageblocRuntime().dotenv, ...process.env },
    root: ctx.config.root,
    astroCacheDir: ctx.config.cacheDir,
  });
  const { pageSize } = options;
  // Registered before any early return: the integration copies files referenced by
  // unchanged entries too.
  if (settings.media === 'self-host') stageblocRuntime().mediaDirs.add(settings.mediaDir);
  const group = groupOf(collection);
  const started = Date.now();
  const round = joinRound(`${settings.key}|${pageSize ?? ''}`, collection, {
    group,
    source: sourceFor(settings, pageSize, ctx.logger),
    onError: settings.onError,
    snapshotDir: settings.source.kind === 'api' ? settings.snapshotDir : null,
    ...(settings.source.kind === 'api' ? { baseUrl: settings.source.baseUrl } : {}),
    logger: ctx.logger,
  });
  const validator = entryValidator(collection, ctx);
  const { richText, probeGate } = startWorkAhead(round, collection, settings, validator, (message) =>
    ctx.logger.warn(message),
  );
  const entriesAhead = startEntriesAhead(round, collection, settings, validator, richText);

  let entries: ValidatedEntry[];
  let reuse: ReusePlan;
  let fingerprints: Fingerprints;
  let fetchedNote: string;
  let selfHostedMedia = false;
  let unmeasuredImages = false;
  try {
    const previous = readState(ctx);
    // The store was built from these fingerprints' content (not wiped, same output settings).
    const storeIntact =
      previous !== undefined && previous.outputKey === settings.outputKey && previous.count === ctx.store.keys().length;
    const mayBeUnchanged = storeIntact && !previous.unmeasuredImages && !settings.fullSync;
    // Whatever the check says, this collection is fetched: start now rather than one round trip later.
    if (!mayBeUnchanged)
      round.content(storeIntact && !settings.fullSync ? previous.fingerprints : undefined).catch(() => undefined);
    const check = await round.check();
    if (
      check &&
      previous &&
      mayBeUnchanged &&
      sameFingerprints(previous.fingerprints, check.fingerprints, GROUPS[group]) &&
      (!previous.selfHostedMedia || (await mediaCacheExists(settings.mediaDir)))
    ) {
      round.ready(collection).catch(() => undefined);
      const message = `${collection}: unchanged on StageBloc, nothing re-set (${previous.count} entries kept; checked in ${((Date.now() - started) / 1000).toFixed(1)}s)`;
      // The dev server's periodic checks would repeat this every few seconds: say it only when asked (--verbose).
      if (ctx.refreshContextData?.['stagebloc'] === 'periodic') ctx.logger.debug(message);
      else ctx.logger.info(message);
      return;
    }

    const result = await round.content(storeIntact && !settings.fullSync ? previous.fingerprints : undefined);
    fingerprints = result.fingerprints;
    fetchedNote = result.fromSnapshot
      ? `from the last good snapshot (${result.fromSnapshot.fetchedAt.toISOString()})`
      : settings.source.kind === 'snapshot'
        ? `from the snapshot directory ${settings.source.dir}`
        : 'from StageBloc';
    const content = result.content as AccountContent;
    round.idle.drain();
    const items: ReadonlyArray<{ id: number }> = content[collection] ?? [];
    const inputs = entryInputs(collection, content, settings.policy);
    reuse = planReuse({
      collection,
      ctx,
      scope: reuseScope(settings.outputKey, ctx.config.base),
      items,
      inputs,
      hashOf: hashOfItem(round),
      ...(result.carried ? { carried: result.carried } : {}),
      // Entries published with unmeasured images, or a full sync asked for: everything is mapped again.
      builtFrom: storeIntact && !previous.unmeasuredImages && !settings.fullSync ? previous.fingerprints : undefined,
    });
    if (reuse.kept.length > 0) keepUnusedWorkAhead(round);
    const ahead = await entriesAhead.take(items, reuse.remap, inputs);
    const only = (item: { id: number }) => reuse.remap(item) && !ahead.has(item.id);
    const mediaUrls = mediaUrlsOf(collection, content, settings.policy, only);
    const media = await prepareMedia(collection, mediaUrls, settings, ctx, probeGate);
    unmeasuredImages = settings.media === 'remote' && mediaUrls.images.some((url) => probeGate.givenUp(url));
    let mapped = mappers[collection](content, {
      ...mappingOptionsFor(settings, richText),
      ...(media ? { media } : {}),
      only,
    });
    let htmlMedia = false;
    if (settings.media === 'self-host') {
      const localized = await selfHostHtmlMedia(mapped, {
        isMedia: stageblocMediaMatcher([...accountMediaHosts(content), ...settings.mediaHosts]),
        cache: mediaCacheFor(settings.mediaDir),
        base: ctx.config.base,
        warn: (message) => ctx.logger.warn(`${collection}: ${message}`),
        offline: settings.source.kind === 'snapshot',
      });
      htmlMedia = localized !== mapped;
      mapped = localized;
    }
    selfHostedMedia =
      settings.media === 'self-host' &&
      (media !== undefined || htmlMedia || (reuse.kept.length > 0 && previous?.selfHostedMedia === true));
    entries = [];
    for (const entry of mapped) entries.push(await validator.validate(entry));
    if (ahead.size > 0) entries = inItemOrder(items, ahead, entries);
  } catch (error) {
    const explained = explainSyncError(
      error,
      collection,
      settings.source.kind === 'api' ? settings.source.baseUrl : undefined,
    );
    round.fail(collection, explained);
    throw explained;
  }

  // Every participant of the group has validated its entries: now (and only now) touch the store.
  await round.ready(collection);
  // Written while the stores are set (awaited before load() returns, so the build does not end first).
  const persisted = persistWorkAhead(round, (message) => ctx.logger.warn(message));
  let changed = 0;
  const keep = new Set<string>(reuse.kept);
  for (const { mapped, data, digest } of entries) {
    keep.add(mapped.id);
    const set = ctx.store.set({
      id: mapped.id,
      data,
      digest,
      ...(mapped.rendered ? { rendered: mapped.rendered } : {}),
    });
    if (set) changed++;
  }
  let removed = 0;
  for (const id of ctx.store.keys()) {
    if (!keep.has(id)) {
      ctx.store.delete(id);
      removed++;
    }
  }
  reuse.record(entries);
  const state: SyncState = {
    outputKey: settings.outputKey,
    fingerprints,
    count: keep.size,
    selfHostedMedia,
    unmeasuredImages,
  };
  ctx.meta.set(STATE_KEY, JSON.stringify(state));
  await persisted;
  ctx.logger.info(
    `${collection}: ${keep.size} entries ${fetchedNote}; ${changed} added/updated, ${removed} removed, ` +
      `${keep.size - changed} unchanged (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
}

/** Self-hosted entries point into the media cache; if it was wiped, they must be re-synced. */
function mediaCacheExists(mediaDir: string): Promise<boolean> {
  return stat(join(mediaDir, 'index.json')).then(
    (s) => s.isFile(),
    () => false,
  );
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
