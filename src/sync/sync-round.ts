/**
 * One sync of one group of collections (see account-data.ts GROUPS), shared by every
 * loader of the group that runs in the same Astro content sync. Astro starts all loaders
 * of a sync together, so they join the same round: the cheap check and the full fetch
 * happen once, and no loader touches its store until every participant has fetched,
 * validated and sanitized its entries (the barrier). The new last-good snapshot is written
 * beside the old one while the loaders map, and replaces it only then, before the stores
 * are committed; if any loader fails, it is discarded.
 */
import { GROUPS, type CollectionName, type GroupContent, type GroupName } from './account-data.js';
import { explainSyncError, isFatal, StageblocSyncError } from './errors.js';
import { createIdleQueue, type IdleQueue } from './idle-queue.js';
import {
  prepareSnapshotDir,
  readSnapshotCollection,
  snapshotItemBytes,
  type PreparedSnapshot,
} from './snapshot-format.js';
import { fetchChanges, type Changes, type StoredCollection } from './incremental-fetch.js';
import { inListOrder } from './list-order.js';
import type { CheckResult, ContentSource, FetchHooks, Fingerprints, ItemObserver } from './sources.js';

export interface RoundContent {
  content: GroupContent;
  /** The fingerprints this content corresponds to (stored in each loader's meta). */
  fingerprints: Fingerprints;
  /** Set when the API failed and the last good snapshot was used instead. */
  fromSnapshot?: { fetchedAt: Date };
  /** Whether this content came from the live source and should become the new snapshot. */
  fresh: boolean;
  /**
   * Items that are, unchanged, the ones the last sync stored, when its stored copies matched
   * `basis` (the fingerprints the first caller's store was built from): a store built from
   * the same fingerprints already holds their entries as they were mapped then.
   */
  carried?: { basis: Fingerprints; items: ReadonlySet<object> };
  /** Collections the last-good snapshot already holds as they are (not written again). */
  unchanged?: readonly CollectionName[];
}

export interface RoundLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface RoundSettings {
  group: GroupName;
  source: ContentSource;
  onError: 'fail' | 'use-snapshot';
  /** Loader-owned last-good snapshot; null for an offline snapshot source (it is its own snapshot). */
  snapshotDir: string | null;
  /** For error messages: the API base URL (never the token). */
  baseUrl?: string;
  logger: RoundLogger;
}

export interface SyncRound {
  readonly group: GroupName;
  /** The cheap check; null when it failed and `onError: 'use-snapshot'` allows going on. */
  check(): Promise<CheckResult | null>;
  /**
   * The group's full content, fetched once (or the snapshot, per `onError`). With the
   * fingerprints the caller's store was built from, collections are brought up to date from
   * the stored snapshot where it matches them, reading only what changed; the first caller decides.
   */
  content(previous?: Fingerprints): Promise<RoundContent>;
  /** This participant's entries are ready; resolves when the stores may be committed. */
  ready(collection: CollectionName): Promise<void>;
  /** This participant failed: nobody in the round commits. */
  fail(collection: CollectionName, error: unknown): void;
  /** Sees each fetched item as it arrives (register before `content()` is first called). */
  observe(observer: ItemObserver): void;
  /**
   * Sees the walk's collections as each one is done: every collection walked in full so far,
   * in list order, as a new object each time (register before `content()` is first called).
   * Content brought up to date from the stored copy, or read from a snapshot, is not walked.
   */
  observeWalks(observer: WalkObserver): void;
  /** Work that fills the waits of this round's fetch; drain it once the content is in. */
  readonly idle: IdleQueue;
  /** A content item's JSON as UTF-8 (`JSON.stringify(item)`, or its snapshot line), worked out once per round. */
  itemBytes(item: object): Uint8Array;
}

export type WalkObserver = (walked: Readonly<GroupContent>) => void;

type ParticipantState = 'working' | 'ready' | 'failed';

const rounds = new Map<string, SyncRound & { join(collection: CollectionName): void; closed: boolean }>();

/** Joins the open round for `key` (settings identity + group), or opens a new one. */
export function joinRound(key: string, collection: CollectionName, settings: RoundSettings): SyncRound {
  const roundKey = `${settings.group}:${key}`;
  let round = rounds.get(roundKey);
  if (!round || round.closed) {
    round = createRound(settings, () => {
      if (rounds.get(roundKey) === round) rounds.delete(roundKey);
    });
    rounds.set(roundKey, round);
  }
  round.join(collection);
  return round;
}

function ageOf(date: Date): string {
  const minutes = Math.round((Date.now() - date.getTime()) / 60_000);
  if (minutes < 60) return `${minutes} minute(s)`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hour(s)` : `${Math.round(hours / 24)} day(s)`;
}

function createRound(settings: RoundSettings, close: () => void) {
  const collections = GROUPS[settings.group];
  const what = collections.length > 2 ? 'content' : collections.join(' and ');
  const participants = new Map<CollectionName, ParticipantState>();
  let checkPromise: Promise<CheckResult | null> | undefined;
  let contentPromise: Promise<RoundContent> | undefined;
  // The new last-good snapshot, written while the loaders map (committed only if they all succeed).
  let preparedSnapshot: Promise<PreparedSnapshot | undefined> | undefined;
  let failure: unknown;
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const barrier = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  barrier.catch(() => undefined);
  const idle = createIdleQueue();
  const observers: ItemObserver[] = [];
  const walkObservers: WalkObserver[] = [];
  let walked: GroupContent = {};
  // A walked collection is put in list order once: the final content takes the same array.
  const ordered = new WeakMap<readonly unknown[], unknown[]>();
  // The JSON (UTF-8) of the items as stored: the snapshot's lines, and what entry reuse hashes.
  // Fetched items are serialized while the walk waits on the network; items carried over
  // from the stored snapshot keep the line they were read from.
  const itemBytes = new WeakMap<object, Uint8Array>();
  observers.push((_collection, item) => {
    idle.push(() => {
      if (!itemBytes.has(item)) itemBytes.set(item, Buffer.from(JSON.stringify(item)));
    });
  });
  const bytesOf = (item: object): Uint8Array => {
    let bytes = itemBytes.get(item) ?? snapshotItemBytes(item);
    if (bytes === undefined) itemBytes.set(item, (bytes = Buffer.from(JSON.stringify(item))));
    return bytes;
  };

  const round = {
    group: settings.group,
    closed: false,
    idle,
    itemBytes: bytesOf,
    observe(observer: ItemObserver) {
      observers.push(observer);
    },
    observeWalks(observer: WalkObserver) {
      walkObservers.push(observer);
    },
    join(collection: CollectionName) {
      participants.set(collection, 'working');
    },
    check() {
      return (checkPromise ??= settings.source.check(collections).catch((error: unknown) => {
        if (settings.onError === 'use-snapshot' && !isFatal(error) && settings.snapshotDir) return null;
        throw explainSyncError(error, what, settings.baseUrl);
      }));
    },
    content(previous?: Fingerprints) {
      if (!contentPromise) {
        contentPromise = loadContent(previous);
        preparedSnapshot = contentPromise.then(prepareSnapshot);
        preparedSnapshot.catch(() => undefined);
      }
      return contentPromise;
    },
    ready(collection: CollectionName) {
      participants.set(collection, 'ready');
      maybeSettle();
      return barrier;
    },
    fail(collection: CollectionName, error: unknown) {
      participants.set(collection, 'failed');
      failure ??= error;
      maybeSettle();
    },
  };

  async function loadContent(previous: Fingerprints | undefined): Promise<RoundContent> {
    const started = Date.now();
    // The walk does not wait for the cheap check: content is only asked for before the check
    // answers when it will be needed whatever the check says (nothing synced before), and
    // waiting would cost a round trip. The check's totals only feed progress messages.
    const checking = round.check();
    let checked: CheckResult | null = null;
    checking.then((result) => (checked = result)).catch(() => undefined);
    let content: GroupContent;
    let changes: Changes | undefined;
    try {
      const hooks: FetchHooks = {
        progress: (collection, fetched) => {
          const total = checked?.totals[collection];
          // Progress only for long walks: a short one is said once, when it is done.
          if ((total ?? fetched) >= 100) {
            settings.logger.info(`${collection}: ${fetched}${total === undefined ? '' : ` of ${total}`} fetched`);
          }
        },
        onItem: (collection, item) => {
          for (const observer of observers) observer(collection, item);
        },
        onWalked: (collection, items) => {
          const inOrder = inListOrder<unknown>(collection, items);
          ordered.set(items, inOrder);
          walked = { ...walked, [collection]: inOrder };
          for (const observer of walkObservers) observer(walked);
        },
        warn: (message) => settings.logger.warn(message),
      };
      const { heads } = settings.source;
      const check = previous && heads && settings.snapshotDir ? await checking : null;
      if (check && heads && previous && settings.snapshotDir) {
        changes = await fetchChanges({
          source: { ...settings.source, heads },
          collections,
          check,
          previous,
          stored: storedCopyIn(settings.snapshotDir, previous),
          hooks,
          info: (message) => settings.logger.info(message),
        });
        content = changes.content;
      } else {
        content = await settings.source.fetch(collections, hooks);
      }
      content = inGroupListOrder(content);
    } catch (error) {
      if (settings.onError !== 'use-snapshot' || isFatal(error) || !settings.snapshotDir) {
        throw explainSyncError(error, what, settings.baseUrl);
      }
      return fromSnapshot(settings.snapshotDir, error);
    }
    const check = await checking;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const collection of collections) {
      settings.logger.info(
        `${collection}: ${content[collection]?.length ?? 0} item(s) ${previous ? 'up to date' : 'fetched'} in ${seconds}s`,
      );
    }
    return {
      content,
      fingerprints: check?.fingerprints ?? {},
      fresh: true,
      ...(changes && previous ? { carried: { basis: previous, items: changes.carried }, unchanged: changes.kept } : {}),
    };
  }

  function inGroupListOrder(content: GroupContent): GroupContent {
    const out: GroupContent = {};
    for (const collection of collections) {
      const items = content[collection];
      if (items)
        (out as Record<string, unknown>)[collection] = ordered.get(items) ?? inListOrder<unknown>(collection, items);
    }
    return out;
  }

  async function fromSnapshot(dir: string, cause: unknown): Promise<RoundContent> {
    const explained = explainSyncError(cause, what, settings.baseUrl);
    const content: GroupContent = {};
    const fingerprints: Fingerprints = {};
    let oldest: Date | undefined;
    for (const collection of collections) {
      const file = await readSnapshotCollection(dir, collection).catch(() => undefined);
      if (!file) {
        throw new StageblocSyncError(
          `${explained.message} No snapshot to fall back on (onError: "use-snapshot"): none has been written yet.`,
          false,
          {
            cause,
          },
        );
      }
      (content as Record<string, unknown>)[collection] = file.items;
      fingerprints[collection] = file.fingerprint ?? `snapshot|${file.fetchedAt.toISOString()}`;
      if (!oldest || file.fetchedAt < oldest) oldest = file.fetchedAt;
    }
    const fetchedAt = oldest ?? new Date(0);
    settings.logger.warn(
      `USING THE LAST GOOD SNAPSHOT of the StageBloc ${what} from ${fetchedAt.toISOString()} ` +
        `(${ageOf(fetchedAt)} old), because: ${explained.message}`,
    );
    return { content, fingerprints, fromSnapshot: { fetchedAt }, fresh: false };
  }

  function maybeSettle() {
    if (round.closed) return;
    const states = [...participants.values()];
    if (states.some((s) => s === 'working')) return;
    round.closed = true;
    close();
    if (failure !== undefined) {
      idle.clear();
      void discardSnapshot().finally(() => settle.reject(failure));
      return;
    }
    void commitSnapshot().then(settle.resolve, settle.reject);
  }

  async function prepareSnapshot(result: RoundContent): Promise<PreparedSnapshot | undefined> {
    if (!settings.snapshotDir || !result.fresh) return undefined;
    const changed: GroupContent = { ...result.content };
    for (const collection of result.unchanged ?? []) delete changed[collection];
    return prepareSnapshotDir(settings.snapshotDir, changed, { fingerprints: result.fingerprints, itemBytes: bytesOf });
  }

  async function commitSnapshot() {
    await (await preparedSnapshot)?.commit();
  }

  async function discardSnapshot() {
    await (await preparedSnapshot?.catch(() => undefined))?.discard();
  }

  return round;
}

/**
 * A collection of the last-good snapshot, only when it is exactly what the caller's store was
 * built from (same fingerprint); any other (older, newer, damaged, missing) is walked in full.
 */
function storedCopyIn(
  dir: string,
  previous: Fingerprints,
): (collection: CollectionName) => Promise<StoredCollection | undefined> {
  return async (collection) => {
    const file = await readSnapshotCollection(dir, collection).catch(() => undefined);
    return file && file.fingerprint !== null && file.fingerprint === previous[collection] ? file : undefined;
  };
}
