/**
 * Pieces shared by the demo generators: ids with gaps, dates, image sets,
 * download details and locations, all in the docs' wire shapes.
 */
import { IMAGE_SIZES } from './types.js';
import { formatWireDate, DEMO_REFERENCE_TIME } from './dates.js';
import { imagePath, joinMediaUrl } from './media-urls.js';
import type { Random } from './random.js';
import { shortUrl } from './short-url.js';
import type { DownloadOffer, Venue } from './demo-content.js';
import type { DownloadDetailsRecord, ImageRecord, LocationRecord, WireDate } from './types.js';

/** Ids go up with small random gaps, like a shared database sequence would leave them. */
export function idSequence(random: Random, start: number): () => number {
  let last = start;
  return () => {
    last += random.int(1, 3);
    return last;
  };
}

const DAY = 86_400_000;
export const EARLIEST_TIME = Date.UTC(2015, 0, 1);

/** `2016-04-15` or `2016-04-15 08:00:00` (UTC) → ms. */
export function parseUtc(date: string): number {
  const [d = '', t = '00:00:00'] = date.split(' ');
  const [y = 0, mo = 1, da = 1] = d.split('-').map(Number);
  const [h = 0, mi = 0, s = 0] = t.split(':').map(Number);
  return Date.UTC(y, mo - 1, da, h, mi, s);
}

/** A time `minDays`–`maxDays` after `ms`, never past the reference time. */
export function laterTime(random: Random, ms: number, minDays: number, maxDays: number): number {
  const offset = random.int(Math.round((minDays * DAY) / 1000), Math.round((maxDays * DAY) / 1000)) * 1000;
  return Math.min(ms + offset, DEMO_REFERENCE_TIME);
}

/** A random time in the account's history (for the procedural extras). */
export function randomHistoryTime(random: Random): number {
  const span = (DEMO_REFERENCE_TIME - DAY - EARLIEST_TIME) / 1000;
  return EARLIEST_TIME + Math.floor(random.next() * span) * 1000;
}

export function wireDate(ms: number): WireDate {
  return formatWireDate(ms);
}

const SIZE_LETTER = { thumbnail: 't', small: 's', medium: 'm', large: 'l', original: 'o' } as const;

/** The five sizes of one image, named after `imageId` (which also picks the demo file). */
export function imageSet(mediaBaseUrl: string, imageId: number, created: WireDate): ImageRecord[] {
  return IMAGE_SIZES.map((size) => ({
    size,
    short_url: shortUrl('p', imageId, SIZE_LETTER[size]),
    embed_url: joinMediaUrl(mediaBaseUrl, imagePath(size, imageId, created)),
  }));
}

export function downloadDetails(offer: DownloadOffer): DownloadDetailsRecord {
  return {
    price: offer.price,
    fans_name_price: offer.fansNamePrice,
    free_download_quality: offer.free,
    paid_download_quality: offer.paid,
    free_download_require_follow: offer.freeFollow,
    paid_download_require_follow: offer.paidFollow,
  };
}

export function locationRecord(venues: readonly Venue[], index: number): LocationRecord {
  const venue = venues[index];
  if (!venue) throw new RangeError(`no venue ${index}`);
  return {
    id: 3 + index * 2,
    name: venue.name,
    website: venue.website,
    address: venue.address ? { ...venue.address } : null,
  };
}
