/**
 * What a loader starts on items as they arrive, while the sync still waits on the network
 * for the rest (see DEVELOPERS.md, "How a sync overlaps its CPU work with the network"):
 * sanitizing HTML fields (once per round, shared by its loaders), building and validating
 * blog entries, and measuring images on the media CDN. Everything here is a head start the
 * final mapping checks and reuses; none of it is published unless that mapping agrees.
 */
import type { BlogEntry, CollectionName } from '../sync/account-data.js';
import {
  MEDIA_COLLECTIONS,
  blockedMediaUrls,
  provisionalBlogEntry,
  publishedImagesOf,
  richTextToPrepare,
  type MappingOptions,
} from '../content/entries.js';
import { createHostGate, type HostGate } from '../sync/media/host-gate.js';
import { mediaCacheFor } from '../sync/media/media-cache.js';
import { preparedRichText, type PreparedRichText } from '../content/rich-text.js';
import { DEFAULT_EMBED_HOSTS, touchesBlocked } from '../content/sanitize.js';
import { openSanitizedCache, type SanitizedCache } from '../content/sanitized-cache.js';
import type { ResolvedSettings } from './settings.js';
import type { SyncRound } from '../sync/sync-round.js';
import { digestOf } from '../sync/fingerprint.js';
import type { EntryValidator } from './validate-entries.js';

/** The mapping options of a loader's settings (media is resolved later, per collection). */
export function mappingOptionsFor(settings: ResolvedSettings, richText: PreparedRichText): MappingOptions {
  return {
    policy: settings.policy,
    imageAssets: settings.imageAssets,
    sanitize: settings.embedHosts ? { embedHosts: settings.embedHosts } : {},
    richText,
  };
}

// One per round, shared by its loaders: filled as items arrive, read when they map them.
// (A round's loaders share settings.key, which covers the policy and embed hosts.)
const richTexts = new WeakMap<SyncRound, PreparedRichText>();

const sanitizedCaches = new WeakMap<SyncRound, SanitizedCache>();

function richTextFor(round: SyncRound, settings: ResolvedSettings): PreparedRichText {
  let richText = richTexts.get(round);
  if (!richText) {
    const cache = openSanitizedCache(settings.cacheDir, settings.embedHosts ?? DEFAULT_EMBED_HOSTS);
    sanitizedCaches.set(round, cache);
    // A rebuild that finds a change sanitizes its fields: the cache is read while the check and the heads are out.
    round.onChange(() => cache.preload());
    const prepared = preparedRichText(
      settings.embedHosts ? { embedHosts: settings.embedHosts } : {},
      round.idle,
      cache,
    );
    round.observe((collection, item) => {
      const field = richTextToPrepare(collection, item, settings.policy);
      if (field) prepared.prepare(field.html, { excerpt: field.excerpt });
    });
    richTexts.set(round, (richText = prepared));
  }
  return richText;
}

/** Some entries were kept without mapping: what they were sanitized from stays in the cache too. */
export function keepUnusedWorkAhead(round: SyncRound): void {
  sanitizedCaches.get(round)?.keepUnused();
}

const persisting = new WeakMap<SyncRound, Promise<void>>();

/**
 * Keeps what this round sanitized for the next build (once the round has committed). It is a
 * cache: if it cannot be written, the build is still right and the next one sanitizes again.
 */
export function persistWorkAhead(round: SyncRound, warn: (message: string) => void): Promise<void> {
  let done = persisting.get(round);
  if (!done) {
    done = (sanitizedCaches.get(round)?.persist() ?? Promise.resolve()).catch((error: unknown) =>
      warn(
        `could not keep sanitized HTML for the next build (${error instanceof Error ? error.message : String(error)}); it will be sanitized again`,
      ),
    );
    persisting.set(round, done);
  }
  return done;
}

// One per round, shared by its loaders: fetched items hashed as they arrive (see entry-reuse.ts).
const itemHashes = new WeakMap<SyncRound, WeakMap<object, string>>();

function startHashing(round: SyncRound): void {
  if (itemHashes.has(round)) return;
  const hashes = new WeakMap<object, string>();
  itemHashes.set(round, hashes);
  round.observe((_collection, item) => round.idle.push(() => hashes.set(item, digestOf(round.itemBytes(item)))));
}

/** An item's hash for entry reuse: from the work ahead, or worked out now. */
export function hashOfItem(round: SyncRound): (item: object) => string {
  const hashes = itemHashes.get(round);
  return (item) => hashes?.get(item) ?? digestOf(round.itemBytes(item));
}

// One per round: a media host found unreachable is given up for this sync only.
const probeGates = new WeakMap<SyncRound, HostGate>();

function probeGateFor(round: SyncRound, warn: (message: string) => void): HostGate {
  let gate = probeGates.get(round);
  if (!gate) probeGates.set(round, (gate = createHostGate(warn)));
  return gate;
}

export function startWorkAhead(
  round: SyncRound,
  collection: CollectionName,
  settings: ResolvedSettings,
  validator: EntryValidator,
  warn: (message: string) => void,
): { richText: PreparedRichText; probeGate: HostGate } {
  const richText = richTextFor(round, settings);
  const probeGate = probeGateFor(round, warn);
  startHashing(round);
  if (collection === 'blog') {
    // A post's entry needs nothing but the post and which media URLs the account blocks,
    // known once every collection with media has been walked. Until then, posts are built and
    // validated as if none were; after, with remote media, entries-ahead.ts settles them for
    // good (and takes these validations where the HTML came out the same); otherwise here.
    const settledAhead = settings.media === 'remote';
    const options = mappingOptionsFor(settings, richText);
    let blocked: ReadonlySet<string> | undefined;
    const beforeBlocked: BlogEntry[] = [];
    const provision = (post: BlogEntry) => {
      const entry = provisionalBlogEntry(post, options, blocked);
      if (entry) validator.ahead(entry);
    };
    round.observeWalks((walked) => {
      if (blocked || !MEDIA_COLLECTIONS.every((c) => walked[c])) return;
      blocked = blockedMediaUrls(walked, settings.policy);
      // Posts built before: again, those whose body links to media now known to be blocked.
      for (const post of beforeBlocked.splice(0)) {
        round.idle.push(() => {
          if (touchesBlocked(richText.checkedUrls(post.body), blocked)) provision(post);
        });
      }
    });
    round.observe((from, item) => {
      if (from !== 'blog' || (blocked && settledAhead)) return;
      if (!blocked && !settledAhead) beforeBlocked.push(item as BlogEntry);
      round.idle.push(() => provision(item as BlogEntry));
    });
  }
  if (settings.media === 'remote') {
    // Image sizes come from the media CDN, not the API: a first build measures them while
    // the walk still waits on the API.
    const cache = mediaCacheFor(settings.mediaDir);
    round.observe((from, item) => {
      if (from !== collection) return;
      for (const url of publishedImagesOf(item, settings.policy)) {
        if (!cache.knownImageSize(url)) cache.imageSize(url, probeGate).catch(() => undefined);
      }
    });
  }
  return { richText, probeGate };
}
