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
  decodeSnapshotCollection,
  parseSnapshotLine,
  prepareSnapshotDir,
  readSnapshotCollection,
  readSnapshotFile,
  snapshotFilePath,
  snapshotItemBytes,
  snapshotLinesOf,
  type PreparedSnapshot,
  type SplicedLines,
} from './snapshot-format.js';
import type { HeadWalk } from './head-walk.js';
import {
  fetchChanges,
  walkChangedHead,
  type ChangedContent,
  type ChangedItems,
  type ChangeDelta,
  type Changes,
  type StoredCollection,
} from './incremental-fetch.js';
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

/**
 * A change the round can hand over as it is (see SyncRound.delta): which items each changed
 * collection's head holds, beside the stored copies the callers' stores were built from.
 */
export interface RoundDelta {
  /** The fingerprints the content now corresponds to. */
  fingerprints: Fingerprints;
  /** The fingerprints of the stored copies the change applies to. */
  basis: Fingerprints;
  changed: ReadonlyMap<CollectionName, ChangedItems>;
  /** Every item of a collection as stored by the last sync (parsed on demand; not for changed collections). */
  storedItems(collection: CollectionName): readonly unknown[];
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
  /**
   * The cheap check; null when it failed and `onError: 'use-snapshot'` allows going on. With
   * the fingerprints the caller's store was built from (the first caller's), a collection
   * whose check shows a change starts reading its changed head as soon as that check answers,
   * while the others are still being checked.
   */
  check(previous?: Fingerprints): Promise<CheckResult | null>;
  /** Called once, as soon as the check shows that some collection changed since `check(previous)`'s fingerprints. */
  onChange(listener: () => void): void;
  /**
   * The group's full content, fetched once (or the snapshot, per `onError`). With the
   * fingerprints the caller's store was built from, collections are brought up to date from
   * the stored snapshot where it matches them, reading only what changed; the first caller decides.
   */
  content(previous?: Fingerprints): Promise<RoundContent>;
  /**
   * The change since `previous` as a delta, when no collection had to be walked in full and
   * `usable` (the first caller's) accepts it; the snapshot is then brought up to date by
   * splicing the changed items into the stored files. Undefined otherwise (and on any error:
   * `content()` then says what went wrong).
   */
  delta(previous: Fingerprints, usable: (delta: RoundDelta) => boolean): Promise<RoundDelta | undefined>;
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
  let fetchPromise: Promise<Fetched> | undefined;
  let contentPromise: Promise<RoundContent> | undefined;
  let deltaPromise: Promise<RoundDelta | undefined> | undefined;
  // The fingerprints the first caller's store was built from: the fetch reads what changed since.
  let fetchedFrom: Fingerprints | undefined;
  // The new last-good snapshot, written while the loaders map (committed only if they all succeed).
  let preparedSnapshot: Promise<PreparedSnapshot | undefined> | undefined;
  let failure: unknown;
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const barrier = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  barrier.catch(() => undefined);
  const idle = createIdleQueue({ requestsStarted: settings.source.requestsStarted });
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
    check(previous?: Fingerprints) {
      if (!checkPromise) {
        checkedFrom = previous;
        checkPromise = settings.source.check(collections, checked).catch((error: unknown) => {
          if (settings.onError === 'use-snapshot' && !isFatal(error) && settings.snapshotDir) return null;
          throw explainSyncError(error, what, settings.baseUrl);
        });
      }
      return checkPromise;
    },
    onChange(listener: () => void) {
      if (changeSeen) listener();
      else changeListeners.push(listener);
    },
    content(previous?: Fingerprints) {
      if (!contentPromise) {
        contentPromise = loadContent(previous);
        if (!preparedSnapshot) {
          preparedSnapshot = contentPromise.then(prepareSnapshot);
          preparedSnapshot.catch(() => undefined);
        }
      }
      return contentPromise;
    },
    delta(previous: Fingerprints, usable: (delta: RoundDelta) => boolean) {
      return (deltaPromise ??= loadDelta(previous, usable));
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

  // The check's basis (the first caller's `previous`), and the changed heads it started reading.
  let checkedFrom: Fingerprints | undefined;
  let changeSeen = false;
  const changeListeners: Array<() => void> = [];
  const startedHeads = new Map<CollectionName, Promise<HeadWalk<{ id: number; modified: Date }>>>();
  let checkedCopies: ((collection: CollectionName) => Promise<StoredCollection | undefined>) | undefined;

  /** A collection's check answered: if it changed, its head is read now (the other checks may still be out). */
  function checked(collection: CollectionName, fingerprint: string): void {
    const previous = checkedFrom;
    if (!previous || previous[collection] === fingerprint) return;
    if (!settings.snapshotDir) return;
    checkedCopies ??= storedCopyIn(settings.snapshotDir, previous);
    if (!changeSeen) {
      changeSeen = true;
      for (const listener of changeListeners.splice(0)) listener();
      // Bringing the group up to date reads every stored copy: they are read while the check is out.
      for (const each of collections) checkedCopies(each).catch(() => undefined);
    }
    const { heads } = settings.source;
    if (!heads?.supports(collection) || previous[collection] === undefined) return;
    const walk = walkChangedHead(heads, collection, checkedCopies(collection), (item) =>
      hooks.onItem?.(collection, item),
    );
    // Whoever fetches the changes takes it; a walk nobody takes (the check failed) must not go unhandled.
    walk.catch(() => undefined);
    startedHeads.set(collection, walk);
  }

  let checkTotals: CheckResult['totals'] = {};
  const hooks: FetchHooks = {
    progress: (collection, fetched) => {
      const total = checkTotals[collection];
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

  type Fetched = { started: number } & ({ changes: Changes } | { content: GroupContent });

  /** The group's fetch, once per round: the changes since `previous` (the first caller's), or a full walk. */
  function fetchOnce(previous: Fingerprints | undefined): Promise<Fetched> {
    if (!fetchPromise) {
      fetchedFrom = previous;
      fetchPromise = fetchGroup(previous);
    }
    return fetchPromise;
  }

  async function fetchGroup(previous: Fingerprints | undefined): Promise<Fetched> {
    const started = Date.now();
    // The walk does not wait for the cheap check: content is only asked for before the check
    // answers when it will be needed whatever the check says (nothing synced before), and
    // waiting would cost a round trip. The check's totals only feed progress messages.
    const checking = round.check(previous);
    checking.then((result) => (checkTotals = result?.totals ?? {})).catch(() => undefined);
    const { heads } = settings.source;
    const check = previous && heads && settings.snapshotDir ? await checking : null;
    if (check && heads && previous && settings.snapshotDir) {
      // The heads the check started reading apply if they were read from the same basis.
      const sameBasis = checkedFrom !== undefined && collections.every((c) => checkedFrom![c] === previous[c]);
      const changes = await fetchChanges({
        source: { ...settings.source, heads },
        collections,
        check,
        previous,
        stored: sameBasis && checkedCopies ? checkedCopies : storedCopyIn(settings.snapshotDir, previous),
        ...(sameBasis ? { startedHead: (collection: CollectionName) => startedHeads.get(collection) } : {}),
        hooks,
        info: (message) => settings.logger.info(message),
      });
      return { started, changes };
    }
    return { started, content: await settings.source.fetch(collections, hooks) };
  }

  // Said once per round, by whichever of content() and delta() has the content first.
  let saidUpToDate = false;

  function sayUpToDate(started: number, counts: (collection: CollectionName) => number, previous: boolean): void {
    if (saidUpToDate) return;
    saidUpToDate = true;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    for (const collection of collections) {
      settings.logger.info(
        `${collection}: ${counts(collection)} item(s) ${previous ? 'up to date' : 'fetched'} in ${seconds}s`,
      );
    }
  }

  async function loadContent(previous: Fingerprints | undefined): Promise<RoundContent> {
    let content: GroupContent;
    let changed: ChangedContent | undefined;
    let started: number;
    try {
      const fetched = await fetchOnce(previous);
      started = fetched.started;
      if ('changes' in fetched) {
        changed = await fetched.changes.content();
        content = changed.content;
      } else {
        content = fetched.content;
      }
      content = inGroupListOrder(content);
    } catch (error) {
      if (settings.onError !== 'use-snapshot' || isFatal(error) || !settings.snapshotDir) {
        throw explainSyncError(error, what, settings.baseUrl);
      }
      return fromSnapshot(settings.snapshotDir, error);
    }
    const check = await round.check();
    sayUpToDate(started, (collection) => content[collection]?.length ?? 0, previous !== undefined);
    return {
      content,
      fingerprints: check?.fingerprints ?? {},
      fresh: true,
      ...(changed && previous ? { carried: { basis: previous, items: changed.carried }, unchanged: changed.kept } : {}),
    };
  }

  async function loadDelta(
    previous: Fingerprints,
    usable: (delta: RoundDelta) => boolean,
  ): Promise<RoundDelta | undefined> {
    const fetched = await fetchOnce(previous).catch(() => undefined);
    const check = await round.check().catch(() => null);
    const delta = fetched && 'changes' in fetched ? fetched.changes.delta : undefined;
    if (!fetched || !delta || !check || !settings.snapshotDir) return undefined;
    const offered: RoundDelta = {
      fingerprints: check.fingerprints,
      basis: fetchedFrom ?? previous,
      changed: delta.changed,
      storedItems: delta.storedItems,
    };
    if (!usable(offered)) return undefined;
    sayUpToDate(fetched.started, (collection) => delta.count(collection), true);
    if (!preparedSnapshot) {
      preparedSnapshot = prepareSplicedSnapshot(settings.snapshotDir, delta, check.fingerprints);
      preparedSnapshot.catch(() => undefined);
    }
    return offered;
  }

  async function prepareSplicedSnapshot(
    dir: string,
    delta: ChangeDelta,
    fingerprints: Fingerprints,
  ): Promise<PreparedSnapshot> {
    const lines: Partial<Record<CollectionName, SplicedLines>> = {};
    for (const collection of delta.changed.keys()) lines[collection] = delta.splice(collection, bytesOf);
    return prepareSnapshotDir(dir, {}, { fingerprints, lines });
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
    return prepareSnapshotDir(settings.snapshotDir, changed, {
      fingerprints: result.fingerprints,
      itemBytes: bytesOf,
      listOrdered: true,
    });
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
 * A file a sync wrote in list order is read as lines: items are parsed only when asked for.
 */
function storedCopyIn(
  dir: string,
  previous: Fingerprints,
): (collection: CollectionName) => Promise<StoredCollection | undefined> {
  const copies = new Map<CollectionName, Promise<StoredCollection | undefined>>();
  return (collection) => {
    let copy = copies.get(collection);
    if (!copy) copies.set(collection, (copy = readStoredCopy(dir, previous, collection)));
    return copy;
  };
}

async function readStoredCopy(
  dir: string,
  previous: Fingerprints,
  collection: CollectionName,
): Promise<StoredCollection | undefined> {
  const data = await readSnapshotFile(dir, collection).catch(() => undefined);
  if (!data) return undefined;
  const path = snapshotFilePath(dir, collection);
  const lines = snapshotLinesOf(data, path, collection);
  if (lines) {
    if (lines.fingerprint === null || lines.fingerprint !== previous[collection]) return undefined;
    let items: readonly unknown[] | undefined;
    return {
      fingerprint: lines.fingerprint,
      lines,
      items: () => (items ??= decodeSnapshotCollection(data, path, collection).items),
      item: (index) => parseSnapshotLine(lines.line(index), path),
    };
  }
  let file: ReturnType<typeof decodeSnapshotCollection>;
  try {
    file = decodeSnapshotCollection(data, path, collection);
  } catch {
    return undefined;
  }
  if (file.fingerprint === null || file.fingerprint !== previous[collection]) return undefined;
  return { fingerprint: file.fingerprint, items: () => file.items, item: (index) => file.items[index] };
}
