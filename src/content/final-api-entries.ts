/**
 * Mapping of the final docs' collections (events, videos, statuses, the account profile)
 * to entry data, in the shapes of entries/types.ts (EventData, VideoData, StatusData,
 * AccountData). Private items get no entry; none of these collections has exclusive items.
 * Event and video descriptions are sanitized like every description; a video's player
 * goes through the same embed hosts as rich text's iframes.
 */
import type { Account, AccountContent, Event, Status } from '../sync/account-data.js';
import {
  mapImages,
  mapLocation,
  remoteMedia,
  sanitizerFor,
  visibleItems,
  type MappedEntry,
  type MappingOptions,
} from './entries.js';
import { sanitizeEmbedCode } from './sanitize.js';

type Content<K extends keyof AccountContent> = Pick<AccountContent, K> & Partial<AccountContent>;

const identity = (item: { id: number; shortUrl: string | null }) => ({ id: item.id, shortUrl: item.shortUrl });

/** What an event's and a video's entries open with: id, identity, title, sanitized description (and the URLs its check looked at). */
function describedEntry(
  item: { id: number; shortUrl: string | null; title: string; description: string | null },
  sanitize: ReturnType<typeof sanitizerFor>,
) {
  const description = sanitize(item.description);
  return {
    id: String(item.id),
    htmlUrls: description.htmlUrls,
    head: { stagebloc: identity(item), title: item.title, descriptionHtml: description.html },
  };
}

export function mapEvents(content: Content<'events'>, options: MappingOptions): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  return visibleItems(content.events, options.policy, options.only).map(({ item }) => {
    const { head, ...entry } = describedEntry(item, sanitize);
    return {
      ...entry,
      data: {
        ...head,
        startLocal: item.startDate,
        endLocal: item.endDate,
        created: item.created,
        modified: item.modified,
        location: mapLocation(item.location),
        collaborators: item.collaborators.map((c) => ({ id: c.id, name: c.name, website: c.website })),
        price: item.price === null ? null : { amount: item.price, currency: item.currency },
        free: isFree(item),
        soldOut: item.soldOut,
        buyLink: item.buyLink,
        minimumAge: item.minimumAge,
        images: mapImages(item.images, media),
      },
    };
  });
}

/** A price of zero ("0", "0.00"); an event without a price is not called free. */
function isFree(event: Event): boolean {
  return event.price !== null && Number(event.price) === 0;
}

export function mapVideos(content: Content<'videos'>, options: MappingOptions): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  return visibleItems(content.videos, options.policy, options.only).map(({ item }) => {
    const embed = sanitizeEmbedCode(item.embedCode, options.sanitize);
    const { head, ...entry } = describedEntry(item, sanitize);
    return {
      ...entry,
      data: {
        ...head,
        created: item.created,
        modified: item.modified,
        rawUrl: item.rawUrl,
        embedHtml: embed.html,
        embedUrl: embed.src,
        images: mapImages(item.images, media),
      },
    };
  });
}

export function mapStatuses(content: Content<'statuses'>, options: MappingOptions): MappedEntry[] {
  return visibleItems(content.statuses, options.policy, options.only).map(({ item }: { item: Status }) => ({
    id: String(item.id),
    data: {
      stagebloc: identity(item),
      text: item.text,
      published: item.published,
      author: item.author ? { id: item.author.id, name: item.author.name } : null,
    },
  }));
}

/** The one profile entry (none when the sync could not tell which account the token is for). */
export function mapAccount(content: Content<'account'>, options: MappingOptions): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const only = options.only ?? (() => true);
  return content.account.filter(only).map((item: Account) => ({
    id: String(item.id),
    data: {
      // /accounts/list gives no short link for an account.
      stagebloc: { id: item.id, shortUrl: null },
      name: item.name,
      description: item.description,
      slug: item.stageblocUrl,
      images: mapImages(item.images, media),
    },
  }));
}
