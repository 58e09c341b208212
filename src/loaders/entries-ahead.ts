/**
 * Whole entries settled while the sync still waits on the network. Once the collections an
 * entry reads have been walked, its item is mapped and validated from the account walked so
 * far, a batch per idle moment: the items of a collection whose own walk is done and whose
 * links read walked collections, or a post as it arrives once every collection with media
 * (which tell the media a post's HTML must not publish) is walked. The final mapping then
 * takes such an entry instead of mapping its item again when the entry was made from the
 * same client object and read the same inputs the whole account gives it (entry-inputs.ts:
 * its links, and which media its HTML links to are blocked); any other item is mapped as
 * usual. The same rule keeps entries between builds (entry-reuse.ts).
 *
 * Remote media only, and only entries whose every image size is already known: a size
 * still being measured, or a self-hosted file, is the final mapping's. (Self-hosting sites
 * get posts validated ahead one by one instead: work-ahead.ts.)
 */
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import type { SyncRound } from '../sync/sync-round.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import { MEDIA_COLLECTIONS, publishedImagesOf, type ContentItem, type MediaLookup } from '../content/entries.js';
import { LINKS_READ, entryInputs, type EntryInputs } from '../content/entry-inputs.js';
import { mapSome } from '../content/mappers.js';
import { remoteImage } from '../content/media/resolve-media.js';
import type { PreparedRichText } from '../content/rich-text.js';
import type { ResolvedSettings } from './settings.js';
import type { EntryValidator, ValidatedEntry } from './validate-entries.js';
import { hashOfItem, mappingOptionsFor } from './work-ahead.js';
import { recordRow, type RowAhead, type RowsAhead } from './entry-reuse.js';

/** Items mapped and validated per idle-time task: about as long as an idle slice (idle-queue.ts). */
const BATCH_SIZE = 25;

interface Settled {
  links: string;
  blocked: string;
  /** The set `blocked` was worked out from: the final mapping's own set gives the same string. */
  blockedFrom: ReadonlySet<string>;
  htmlUrls: readonly string[];
  entry?: ValidatedEntry;
  /** The entry's record row (entry-reuse.ts), written in idle time once it is validated. */
  row?: RowAhead;
}

type Item = { id: number };

export interface EntriesAhead {
  /** The entries settled ahead that the final mapping takes as they are (of the `wanted` items), by item id. */
  take(
    items: readonly Item[],
    wanted: (item: Item) => boolean,
    inputs: EntryInputs,
  ): Promise<Map<number, ValidatedEntry>>;
  /** The record rows of the entries taken. */
  rows: RowsAhead;
}

const NONE: EntriesAhead = { take: async () => new Map(), rows: () => undefined };

export function startEntriesAhead(
  round: SyncRound,
  collection: CollectionName,
  settings: ResolvedSettings,
  validator: EntryValidator,
  richText: PreparedRichText,
): EntriesAhead {
  if (settings.media !== 'remote') return NONE;
  const settled = new WeakMap<object, Settled>();
  // Validations still running, and who waits for them to end (counted: awaiting tens of thousands of promises at once costs).
  let validating = 0;
  const waiting: Array<() => void> = [];
  const oneValidated = () => {
    if (--validating === 0) for (const done of waiting.splice(0)) done();
  };
  const cache = mediaCacheFor(settings.mediaDir);
  // What resolveMedia gives in remote mode once every size is known.
  const media: MediaLookup = {
    image: (url) => remoteImage(url, cache.knownImageSize(url)),
    audio: (url) => ({ url, bytes: null }),
  };
  const options = { ...mappingOptionsFor(settings, richText), media };
  const hashOf = hashOfItem(round);
  const rows = new WeakMap<ValidatedEntry, RowAhead>();

  /** Maps and validates `batch` (items of the collection) against `content`, the account walked so far. */
  function settleBatch(batch: readonly (ContentItem & Item)[], content: AccountContent, inputs: EntryInputs): void {
    const ready = new Map<string, ContentItem & Item>();
    for (const item of batch) {
      if (publishedImagesOf(item, settings.policy).every((url) => cache.knownImageSize(url)))
        ready.set(String(item.id), item);
    }
    // The batch alone, with the walked account for everything else: no pass over the whole collection per batch.
    const batchItems = [...ready.values()] as unknown as AccountContent[typeof collection];
    for (const entry of mapSome(collection, batchItems, content, { ...options, blocked: inputs.blockedUrls })) {
      const item = ready.get(entry.id);
      if (!item) continue;
      const htmlUrls = entry.htmlUrls ?? [];
      const record: Settled = {
        links: inputs.links(item),
        blocked: inputs.blocked(htmlUrls),
        blockedFrom: inputs.blockedUrls,
        htmlUrls,
      };
      settled.set(item, record);
      // A failure is left to the final mapping, which maps the item again and reports it.
      validating++;
      validator.validate(entry).then((validated) => {
        record.entry = validated;
        round.idle.push(() => {
          const raw = hashOf(item);
          record.row = { raw, text: recordRow(validated, raw, record.links, record.blocked) };
        });
        oneValidated();
      }, oneValidated);
    }
  }

  /** Queues `items` for settling in idle-time batches. */
  function settleInBatches(items: readonly (ContentItem & Item)[], content: AccountContent): void {
    let inputs: EntryInputs | undefined;
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      const batch = items.slice(start, start + BATCH_SIZE);
      round.idle.push(() =>
        settleBatch(batch, content, (inputs ??= entryInputs(collection, content, settings.policy))),
      );
    }
  }

  if (collection === 'blog') settlePostsAsTheyArrive();
  else settleOnceWalked();

  /** Every item once the collection and the collections its links read are walked. */
  function settleOnceWalked(): void {
    let started = false;
    round.observeWalks((walked) => {
      if (started || !walked[collection] || LINKS_READ[collection].some((linked) => !walked[linked])) return;
      started = true;
      const content = walked as AccountContent;
      settleInBatches((content[collection] ?? []) as readonly (ContentItem & Item)[], content);
    });
  }

  /**
   * A post's entry reads nothing of the account but the media it blocks: once every collection
   * with media is walked, the posts that came are settled, and each one that comes later as it
   * arrives (the blog, the largest walk, usually ends last).
   */
  function settlePostsAsTheyArrive(): void {
    const arrived: Array<ContentItem & Item> = [];
    let settling: { content: AccountContent; inputs: EntryInputs } | undefined;
    const arriving: Array<ContentItem & Item> = [];
    round.observe((from, item) => {
      if (from !== collection) return;
      if (!settling) {
        arrived.push(item as ContentItem & Item);
        return;
      }
      // One idle task per batch of arrivals (a page's posts arrive together).
      if (arriving.push(item as ContentItem & Item) > 1) return;
      round.idle.push(function settleArrivals() {
        const batch = arriving.splice(0, BATCH_SIZE);
        if (arriving.length > 0) round.idle.push(settleArrivals);
        settleBatch(batch, settling!.content, settling!.inputs);
      });
    });
    round.observeWalks((walked) => {
      if (settling || MEDIA_COLLECTIONS.some((c) => !walked[c])) return;
      const content = walked as AccountContent;
      settling = { content, inputs: entryInputs(collection, content, settings.policy) };
      settleInBatches(arrived.splice(0), content);
    });
  }

  return {
    async take(items, wanted, inputs) {
      if (validating > 0) await new Promise<void>((resolve) => waiting.push(resolve));
      const taken = new Map<number, ValidatedEntry>();
      for (const item of items) {
        const record = settled.get(item);
        if (!record?.entry || !wanted(item)) continue;
        const sameBlocked =
          record.blockedFrom === inputs.blockedUrls || record.blocked === inputs.blocked(record.htmlUrls);
        if (sameBlocked && record.links === inputs.links(item)) {
          taken.set(item.id, record.entry);
          if (record.row) rows.set(record.entry, record.row);
        }
      }
      return taken;
    },
    rows: (entry) => rows.get(entry),
  };
}

/** Entries settled ahead and entries mapped now, in the order of their items (the order entries are set in). */
export function inItemOrder(
  items: readonly Item[],
  ahead: ReadonlyMap<number, ValidatedEntry>,
  mapped: readonly ValidatedEntry[],
): ValidatedEntry[] {
  const byId = new Map(mapped.map((entry) => [entry.mapped.id, entry]));
  const out: ValidatedEntry[] = [];
  for (const item of items) {
    const entry = ahead.get(item.id) ?? byId.get(String(item.id));
    if (entry) out.push(entry);
  }
  return out;
}
