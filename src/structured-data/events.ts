/**
 * schema.org `MusicEvent` for a tour date, in the shape Google's event rich results read:
 * start (with the venue's offset when the site gave its zone), Place with PostalAddress,
 * Offer with price, currency, availability and ticket URL, performers, status and mode.
 */
import { eventTimes, priceAmount } from '../entries/events.js';
import type { TimeZoneOption } from '../entries/time-zones.js';
import type { EventEntry } from '../entries/types.js';
import { publishableUrl } from '../text/urls.js';
import { absoluteUrl, imageUrl, placeLd, withoutEmpty, type JsonLd, type LinkOptions } from './json-ld.js';
import { htmlToText } from './text.js';

export type EventStatusType =
  | 'EventScheduled'
  | 'EventCancelled'
  | 'EventPostponed'
  | 'EventRescheduled'
  | 'EventMovedOnline';

export interface EventLdOptions extends LinkOptions {
  /** The event's page on the site. */
  url?: string | undefined;
  timeZone?: TimeZoneOption | undefined;
  /** The band or artist: the first performer, before the event's collaborators. */
  performer?: string | undefined;
  /** StageBloc has no cancellations, so every event is `EventScheduled` unless a site says otherwise. */
  eventStatus?: EventStatusType | ((event: EventEntry) => EventStatusType) | undefined;
  nested?: boolean | undefined;
}

const SCHEMA = 'https://schema.org/';

export function musicEventLd(event: EventEntry, options: EventLdOptions = {}): JsonLd {
  const d = event.data;
  const times = eventTimes(event, options.timeZone);
  const url = absoluteUrl(options.url, options.site);
  const status =
    typeof options.eventStatus === 'function' ? options.eventStatus(event) : (options.eventStatus ?? 'EventScheduled');
  const performers = [
    options.performer ? { '@type': 'MusicGroup', name: options.performer } : undefined,
    ...d.collaborators.map((c) =>
      withoutEmpty({ '@type': 'PerformingGroup', name: c.name, url: publishableUrl(c.website) }),
    ),
  ].filter((p) => p !== undefined);
  return withoutEmpty({
    ...(options.nested ? {} : { '@context': 'https://schema.org' as const }),
    '@type': 'MusicEvent',
    '@id': url,
    name: d.title,
    url: url ?? publishableUrl(d.stagebloc.shortUrl),
    description: htmlToText(d.descriptionHtml) || undefined,
    image: imageUrl(d.images, options),
    startDate: times.startIso,
    endDate: times.endIso,
    eventStatus: SCHEMA + status,
    eventAttendanceMode:
      SCHEMA + (status === 'EventMovedOnline' ? 'OnlineEventAttendanceMode' : 'OfflineEventAttendanceMode'),
    location: placeLd(d.location),
    offers: offerLd(event, url, options),
    performer: performers,
    typicalAgeRange: d.minimumAge && d.minimumAge > 0 ? `${Math.floor(d.minimumAge)}-` : undefined,
  });
}

function offerLd(event: EventEntry, pageUrl: string | undefined, options: LinkOptions): JsonLd | undefined {
  const d = event.data;
  const ticketUrl = absoluteUrl(d.buyLink, options.site);
  const price = d.free ? '0' : priceAmount(d.price);
  if (!ticketUrl && price === undefined && !d.soldOut) return undefined;
  const currency = d.price?.currency?.trim().toUpperCase();
  return withoutEmpty({
    '@type': 'Offer',
    url: ticketUrl ?? pageUrl,
    price,
    priceCurrency: price !== undefined && currency && /^[A-Z]{3}$/.test(currency) ? currency : undefined,
    availability: SCHEMA + (d.soldOut ? 'SoldOut' : 'InStock'),
  });
}
