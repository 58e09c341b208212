/**
 * The Astro Content Layer loader shared by every StageBloc collection. Each `load()`:
 * resolves settings, joins its group's sync round, compares the cheap-check fingerprints
 * with what `meta` remembers (no change: done, nothing re-set), otherwise maps the entries
 * the change reaches, validates them with the collection schema, resolves their media, waits
 * for the whole group to get that far, and only then sets changed entries (by digest) and
 * deletes the ones that disappeared. Which entries a change reaches: when it reaches no entry
 * but its own items' (reachesOtherEntries), those items alone, read from the changed heads
 * (mapDelta: the rest of the account is not read); otherwise every entry whose item or inputs
 * from the whole account changed (mapContent, entry-reuse.ts keeping the others as stored).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { GROUPS, groupOf, type AccountContent, type CollectionName } from '../sync/account-data.js';
import type { ContentItem } from '../content/entries.js';
import { explainSyncError } from '../sync/errors.js';
import type { HostGate } from '../sync/media/host-gate.js';
import { accountMediaHosts } from '../content/media/media-hosts.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import type { PreparedRichText } from '../content/rich-text.js';
import { stageblocRuntime } from './runtime.js';
import { collectionSchemas } from './schemas.js';
import { resolveSettings, type ResolvedSettings, type StageblocLoaderOptions } from './settings.js';
import { connectApiSource, snapshotSource, type ContentSource, type Fingerprints } from '../sync/sources.js';
import { hashOfItem, keepUnusedWorkAhead, persistWorkAhead, startWorkAhead } from './work-ahead.js';
import { joinRound, type RoundContent, type RoundDelta, type SyncRound } from '../sync/sync-round.js';
import { entryValidator, type EntryValidator, type ValidatedEntry } from './validate-entries.js';
import { LINKS_READ, entryInputs, reachesOtherEntries } from '../content/entry-inputs.js';
import { planReuse, recordsForChange, reuseScope, type ChangeRecords } from './entry-reuse.js';
import { inItemOrder, startEntriesAhead, type EntriesAhead } from './entries-ahead.js';
import { mapEntries } from './map-entries.js';
import { keepAccountInputs, keptForm, readAccountInputs, type AccountInputs } from './account-inputs.js';

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
  /** The digest of what the content gave every entry (account-inputs.ts), when kept. */
  accountInputs?: string;
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

  let update: Update;
  try {
    const previous = readState(ctx);
    // The store was built from these fingerprints' content (not wiped, same output settings).
    const storeIntact =
      previous !== undefined && previous.outputKey === settings.outputKey && previous.count === ctx.store.keys().length;
    const mayBeUnchanged = storeIntact && !previous.unmeasuredImages && !settings.fullSync;
    // Whatever the check says, this collection is fetched: start now rather than one round trip later.
    if (!mayBeUnchanged)
      round.content(storeIntact && !settings.fullSync ? previous.fingerprints : undefined).catch(() => undefined);
    // A change the check shows needs the media index: it is read while the rest of the check and the changed heads are.
    round.onChange(() => mediaCacheFor(settings.mediaDir).preload());
    const check = await round.check(storeIntact && !settings.fullSync ? previous.fingerprints : undefined);
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
    const scope = reuseScope(settings.outputKey, ctx.config.base);
    // A change that reaches no entry but its own items' is mapped from those items alone, with
    // the inputs from the whole account the last sync kept (the changed heads are on their way).
    const mapping = { collection, settings, ctx, probeGate, richText, validator };
    const accountInputs =
      mayBeUnchanged && check && previous.accountInputs && settings.source.kind === 'api'
        ? await readAccountInputs(settings.snapshotDir, previous.accountInputs, scope)
        : undefined;
    const delta = accountInputs
      ? await round.delta(previous!.fingerprints, (change) =>
          reachesOnlyItsOwnEntries(change, settings.policy, accountInputs.blocked),
        )
      : undefined;
    const records = delta ? recordsForChange(ctx, scope) : undefined;
    update =
      delta &&
      records &&
      accountInputs &&
      (settings.media !== 'self-host' || accountInputs.hosts) &&
      sameFingerprints(delta.basis, previous!.fingerprints, GROUPS[group])
        ? await mapDelta(
            delta,
            records,
            { inputs: accountInputs, digest: previous!.accountInputs! },
            previous!,
            mapping,
            round,
          )
        : await mapContent(
            await round.content(storeIntact && !settings.fullSync ? previous.fingerprints : undefined),
            storeIntact && !previous.unmeasuredImages && !settings.fullSync ? previous : undefined,
            scope,
            mapping,
            round,
            entriesAhead,
          );
  } catch (error) {
    const explained = explainSyncError(
      error,
      collection,
      settings.source.kind === 'api' ? settings.source.baseUrl : undefined,
    );
    round.fail(collection, explained);
    throw explained;
  }

  const record = update.record();
  // Named by what it holds, so it may be written before the round commits (a failed round's file names no state).
  const kept = update.accountInputs;
  const keeping =
    kept?.text !== undefined
      ? keepAccountInputs(settings.snapshotDir, { digest: kept.digest, text: kept.text })
      : undefined;
  // Every participant of the group has validated its entries: now (and only now) touch the store.
  await round.ready(collection);
  // Written while the stores are set (awaited before load() returns, so the build does not end first).
  const persisted = persistWorkAhead(round, (message) => ctx.logger.warn(message));
  let changed = 0;
  for (const { mapped, data, digest } of update.entries) {
    const set = ctx.store.set({
      id: mapped.id,
      data,
      digest,
      ...(mapped.rendered ? { rendered: mapped.rendered } : {}),
    });
    if (set) changed++;
  }
  const stale = update.stale();
  for (const id of stale) ctx.store.delete(id);
  record();
  const count = ctx.store.keys().length;
  const state: SyncState = {
    outputKey: settings.outputKey,
    fingerprints: update.fingerprints,
    count,
    selfHostedMedia: update.selfHostedMedia,
    unmeasuredImages: update.unmeasuredImages,
    ...(update.accountInputs ? { accountInputs: update.accountInputs.digest } : {}),
  };
  ctx.meta.set(STATE_KEY, JSON.stringify(state));
  await Promise.all([persisted, keeping]);
  ctx.logger.info(
    `${collection}: ${count} entries ${update.fetchedNote}; ${changed} added/updated, ${stale.length} removed, ` +
      `${count - changed} unchanged (${((Date.now() - started) / 1000).toFixed(1)}s)`,
  );
}

/** What a sync changes in a loader's store, once the whole group may commit. */
interface Update {
  /** Entries to set (an unchanged digest leaves the stored one). */
  entries: readonly ValidatedEntry[];
  /** Ids of stored entries to delete. */
  stale(): string[];
  /** What the entries were mapped from (entry-reuse.ts), worked out now; the function returned keeps it. */
  record(): () => void;
  fingerprints: Fingerprints;
  fetchedNote: string;
  selfHostedMedia: boolean;
  unmeasuredImages: boolean;
  /** What the content gives every entry, for the next rebuild (fresh API content only): `text` when it is to be kept. */
  accountInputs?: { digest: string; text?: string };
}

interface Mapping {
  collection: CollectionName;
  settings: ResolvedSettings;
  ctx: LoaderContext;
  probeGate: HostGate;
  richText: PreparedRichText;
  validator: EntryValidator;
}

/** Entries from the whole account: the ones the change reaches are mapped, the others kept (entry-reuse.ts). */
async function mapContent(
  result: RoundContent,
  builtFrom: SyncState | undefined,
  scope: string,
  mapping: Mapping,
  round: SyncRound,
  entriesAhead: EntriesAhead,
): Promise<Update> {
  const { collection, settings, ctx } = mapping;
  const content = result.content as AccountContent;
  round.idle.drain();
  const items: ReadonlyArray<{ id: number }> = content[collection] ?? [];
  const inputs = entryInputs(collection, content, settings.policy);
  const hosts = settings.media === 'self-host' ? accountMediaHosts(content) : undefined;
  const reuse = planReuse({
    collection,
    ctx,
    scope,
    items,
    inputs,
    hashOf: hashOfItem(round),
    ...(result.carried ? { carried: result.carried } : {}),
    // Entries published with unmeasured images, or a full sync asked for: everything is mapped again.
    builtFrom: builtFrom?.fingerprints,
  });
  if (reuse.kept.length > 0) keepUnusedWorkAhead(round);
  const ahead = await entriesAhead.take(items, reuse.remap, inputs);
  const mapped = await mapEntries({
    ...mapping,
    content,
    only: (item) => reuse.remap(item) && !ahead.has(item.id),
    mediaHosts: () => hosts ?? [],
  });
  const entries = ahead.size > 0 ? inItemOrder(items, ahead, mapped.entries) : mapped.entries;
  const emptyStore = ctx.store.keys().length === 0;
  return {
    entries,
    stale() {
      // A store that held nothing (a first sync) has nothing to delete.
      if (emptyStore) return [];
      const keep = new Set<string>(reuse.kept);
      for (const { mapped: entry } of entries) keep.add(entry.id);
      return ctx.store.keys().filter((id) => !keep.has(id));
    },
    record: () => reuse.record(entries, entriesAhead.rows),
    fingerprints: result.fingerprints,
    fetchedNote: result.fromSnapshot
      ? `from the last good snapshot (${result.fromSnapshot.fetchedAt.toISOString()})`
      : settings.source.kind === 'snapshot'
        ? `from the snapshot directory ${settings.source.dir}`
        : 'from StageBloc',
    selfHostedMedia:
      settings.media === 'self-host' &&
      (mapped.selfHostedMedia || (reuse.kept.length > 0 && builtFrom?.selfHostedMedia === true)),
    unmeasuredImages: mapped.unmeasuredImages,
    ...(result.fresh && settings.source.kind === 'api'
      ? { accountInputs: keptForm(scope, { blocked: inputs.blockedUrls, ...(hosts ? { hosts } : {}) }) }
      : {}),
  };
}

/**
 * Entries of the items a change holds, mapped alone: the change reaches no other entry
 * (reachesOnlyItsOwnEntries), so every other entry, and its record, stays as it is.
 */
async function mapDelta(
  delta: RoundDelta,
  records: ChangeRecords,
  { inputs: accountInputs, digest }: { inputs: AccountInputs; digest: string },
  previous: SyncState,
  mapping: Mapping,
  round: SyncRound,
): Promise<Update> {
  const { collection, settings, ctx } = mapping;
  const fresh = delta.changed.get(collection)?.fresh ?? [];
  keepUnusedWorkAhead(round);
  round.idle.drain();
  if (fresh.length === 0) {
    return {
      entries: [],
      stale: () => [],
      record: () => () => undefined,
      fingerprints: delta.fingerprints,
      fetchedNote: DELTA_NOTE,
      selfHostedMedia: previous.selfHostedMedia === true,
      unmeasuredImages: false,
      accountInputs: { digest },
    };
  }
  // Its links read the collections they link to: containers, which a change mapped this way left as they were.
  const content = { [collection]: fresh } as Partial<AccountContent>;
  for (const linked of LINKS_READ[collection]) (content as Record<string, unknown>)[linked] = delta.storedItems(linked);
  const inputs = entryInputs(collection, content, settings.policy, accountInputs.blocked);
  const mapped = await mapEntries({
    ...mapping,
    content: content as AccountContent,
    blocked: accountInputs.blocked,
    mediaHosts: () => accountInputs.hosts ?? [],
  });
  const hashOf = hashOfItem(round);
  return {
    entries: mapped.entries,
    stale() {
      const mappedIds = new Set(mapped.entries.map(({ mapped: entry }) => entry.id));
      return fresh.map((item) => String(item.id)).filter((id) => !mappedIds.has(id) && ctx.store.has(id));
    },
    record: () => records.patch(fresh, mapped.entries, inputs, hashOf),
    fingerprints: delta.fingerprints,
    fetchedNote: DELTA_NOTE,
    selfHostedMedia: settings.media === 'self-host' && (mapped.selfHostedMedia || previous.selfHostedMedia === true),
    unmeasuredImages: mapped.unmeasuredImages,
    accountInputs: { digest },
  };
}

/** Said of entries synced by mapDelta. */
const DELTA_NOTE = 'from StageBloc (only the changed items mapped)';

/** Whether the change leaves every entry but those of its own items as it was (entry-inputs.ts). */
function reachesOnlyItsOwnEntries(
  delta: RoundDelta,
  policy: ResolvedSettings['policy'],
  blocked: ReadonlySet<string>,
): boolean {
  for (const [collection, { fresh, stored }] of delta.changed) {
    for (const item of fresh) {
      const before = stored.get(item.id) as ContentItem | undefined;
      if (reachesOtherEntries(collection, before, item as unknown as ContentItem, policy, blocked)) return false;
    }
  }
  return true;
}

/** Self-hosted entries point into the media cache; if it was wiped, they must be re-synced. */
function mediaCacheExists(mediaDir: string): Promise<boolean> {
  return stat(join(mediaDir, 'index.json')).then(
    (s) => s.isFile(),
    () => false,
  );
}
