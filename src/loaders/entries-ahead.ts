/**
 * Whole entries settled while the sync still waits on the network. Once a collection and
 * the collections its links read have been walked, its entries are mapped and validated
 * from the account walked so far, a batch per idle moment. The final mapping then takes
 * such an entry instead of mapping its item again when the entry was made from the same
 * client object and read the same inputs the whole account gives it (entry-inputs.ts: its
 * links, and which media its HTML links to are blocked); any other item is mapped as usual.
 * The same rule keeps entries between builds (entry-reuse.ts).
 *
 * Remote media only, and only entries whose every image size is already known: a size
 * still being measured, or a self-hosted file, is the final mapping's. Blog posts are
 * validated ahead one by one as they arrive (work-ahead.ts).
 */
import type { AccountContent, CollectionName, GroupContent } from '../sync/account-data.js';
import type { SyncRound } from '../sync/sync-round.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import { publishedImagesOf, type ContentItem, type MediaLookup } from '../content/entries.js';
import { LINKS_READ, entryInputs, type EntryInputs } from '../content/entry-inputs.js';
import { mapSome } from '../content/mappers.js';
import { remoteImage } from '../content/media/resolve-media.js';
import type { PreparedRichText } from '../content/rich-text.js';
import type { ResolvedSettings } from './settings.js';
import type { EntryValidator, ValidatedEntry } from './validate-entries.js';
import { mappingOptionsFor } from './work-ahead.js';

/** Items mapped and validated per idle-time task: about as long as an idle slice (idle-queue.ts). */
const BATCH_SIZE = 25;

interface Settled {
  links: string;
  blocked: string;
  htmlUrls: readonly string[];
  entry?: ValidatedEntry;
}

type Item = { id: number };

export interface EntriesAhead {
  /** The entries settled ahead that the final mapping takes as they are (of the `wanted` items), by item id. */
  take(
    items: readonly Item[],
    wanted: (item: Item) => boolean,
    inputs: EntryInputs,
  ): Promise<Map<number, ValidatedEntry>>;
}

const NONE: EntriesAhead = { take: async () => new Map() };

export function startEntriesAhead(
  round: SyncRound,
  collection: CollectionName,
  settings: ResolvedSettings,
  validator: EntryValidator,
  richText: PreparedRichText,
): EntriesAhead {
  if (collection === 'blog' || settings.media !== 'remote') return NONE;
  const settled = new WeakMap<object, Settled>();
  const validating: Array<Promise<unknown>> = [];
  let started = false;

  round.observeWalks((walked) => {
    if (started || !walked[collection] || LINKS_READ[collection].some((linked) => !walked[linked])) return;
    started = true;
    settle(walked);
  });

  function settle(walked: Readonly<GroupContent>): void {
    const content = walked as AccountContent;
    const items = (content[collection] ?? []) as readonly (ContentItem & Item)[];
    const cache = mediaCacheFor(settings.mediaDir);
    // What resolveMedia gives in remote mode once every size is known.
    const media: MediaLookup = {
      image: (url) => remoteImage(url, cache.knownImageSize(url)),
      audio: (url) => ({ url, bytes: null }),
    };
    const options = { ...mappingOptionsFor(settings, richText), media };
    let inputs: EntryInputs | undefined;
    for (let start = 0; start < items.length; start += BATCH_SIZE) {
      const batch = items.slice(start, start + BATCH_SIZE);
      round.idle.push(() => {
        inputs ??= entryInputs(collection, content, settings.policy);
        const ready = new Map<string, ContentItem & Item>();
        for (const item of batch) {
          if (publishedImagesOf(item, settings.policy).every((url) => cache.knownImageSize(url)))
            ready.set(String(item.id), item);
        }
        // The batch alone, with the walked account for everything else: no pass over the whole collection per batch.
        const batchItems = [...ready.values()] as unknown as AccountContent[typeof collection];
        for (const entry of mapSome(collection, batchItems, content, options)) {
          const item = ready.get(entry.id);
          if (!item) continue;
          const htmlUrls = entry.htmlUrls ?? [];
          const record: Settled = { links: inputs.links(item), blocked: inputs.blocked(htmlUrls), htmlUrls };
          settled.set(item, record);
          // A failure is left to the final mapping, which maps the item again and reports it.
          validating.push(
            validator.validate(entry).then(
              (validated) => (record.entry = validated),
              () => undefined,
            ),
          );
        }
      });
    }
  }

  return {
    async take(items, wanted, inputs) {
      await Promise.all(validating);
      const taken = new Map<number, ValidatedEntry>();
      for (const item of items) {
        const record = settled.get(item);
        if (!record?.entry || !wanted(item)) continue;
        if (record.links === inputs.links(item) && record.blocked === inputs.blocked(record.htmlUrls))
          taken.set(item.id, record.entry);
      }
      return taken;
    },
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
