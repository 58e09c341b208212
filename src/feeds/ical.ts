/**
 * iCalendar files of tour dates, written by ical-generator (RFC 5545 is never written by
 * hand here): a calendar of upcoming shows that fans subscribe to (link it as `webcal:`),
 * and one show's `.ics` file for "add to calendar". A show's times are UTC instants computed
 * from its venue's zone when the site gave one (UTC needs no VTIMEZONE, and every calendar
 * shows it in its reader's own zone); without a zone they are the venue's wall clock as a
 * floating time, which calendars show as written.
 */
import ical, { ICalCalendarMethod, type ICalCalendar, type ICalEventData } from 'ical-generator';
import { eventTimes, upcomingEvents, type TimeZoneOption } from '../entries/events.js';
import { addressLine } from '../entries/places.js';
import type { EventEntry } from '../entries/types.js';
import { publishableUrl } from '../text/urls.js';
import { htmlToText } from '../structured-data/text.js';
import { absolute, itemPath, siteOf, withoutControlCharacters, type FeedContext, type ItemLink } from './shared.js';
import { isPublicEntry } from './visibility.js';

export interface CalendarBaseOptions {
  /** The calendar's name in the reader's calendar app (X-WR-CALNAME), e.g. "Juniper Static: tour dates". */
  title: string;
  description?: string;
  timeZone?: TimeZoneOption;
  /** Absolute site URL; defaults to `context.site`. */
  site?: URL | string;
  /** Each event's page: a function of the entry, else `eventBase` + id. */
  eventLink?: ItemLink<EventEntry>;
  /** Default "/tour/". */
  eventBase?: string;
  /** An event's SUMMARY; default its title. */
  summary?: (event: EventEntry) => string;
}

export interface EventsCalendarOptions extends CalendarBaseOptions {
  events: readonly EventEntry[];
  /** Events that have passed by then are left out; default: now (the build). */
  now?: Date;
  /** How often subscribers should fetch the calendar again, in hours (REFRESH-INTERVAL, X-PUBLISHED-TTL). Default 12. */
  refreshHours?: number;
}

export interface EventFileOptions extends CalendarBaseOptions {
  event: EventEntry;
}

const clean = (text: string) => withoutControlCharacters(text);

function calendar(options: CalendarBaseOptions, site: URL): ICalCalendar {
  return ical({
    name: clean(options.title),
    description: options.description ? clean(options.description) : null,
    prodId: { company: 'astro-stagebloc', product: 'tour-dates', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    url: site.href,
  });
}

function eventData(event: EventEntry, options: CalendarBaseOptions, site: URL): ICalEventData {
  const d = event.data;
  const times = eventTimes(event, options.timeZone);
  const page = itemPath(event, options.eventLink, options.eventBase ?? '/tour/');
  const url = page && publishableUrl(page) ? absolute(page, site) : publishableUrl(d.stagebloc.shortUrl);
  const tickets = d.soldOut ? undefined : publishableUrl(d.buyLink);
  const place = d.location ? [d.location.name, addressLine(d.location.address)].filter(Boolean).join(', ') : '';
  const description = [
    htmlToText(d.descriptionHtml),
    d.soldOut ? 'Sold out.' : '',
    tickets ? `Tickets: ${absolute(tickets, site)}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    // Stable across builds, so a subscribed calendar updates a show instead of adding it twice.
    id: `stagebloc-event-${d.stagebloc.id}@${site.hostname}`,
    // The event's own dates rather than the build's clock: the same data gives the same file.
    stamp: d.modified,
    created: d.created,
    lastModified: d.modified,
    start: times.startsAt,
    end: times.endsAt ?? null,
    floating: times.timeZone === undefined,
    summary: clean(options.summary ? options.summary(event) : d.title),
    location: place ? clean(place) : null,
    description: description ? clean(description) : null,
    url: url ?? null,
  };
}

/** The calendar of upcoming shows, as text. */
export function eventsCalendarString(context: FeedContext, options: EventsCalendarOptions): string {
  const site = siteOf(context, options);
  const cal = calendar(options, site);
  cal.ttl(Math.round((options.refreshHours ?? 12) * 3600));
  // A private show never reaches a calendar (the loaders drop them; calendars are copied far beyond the site).
  for (const event of upcomingEvents(options.events.filter(isPublicEntry), {
    timeZone: options.timeZone,
    now: options.now,
  }))
    cal.createEvent(eventData(event, options, site));
  return withoutControlCharacters(cal.toString());
}

/** One show's `.ics` file, as text. */
export function eventFileString(context: FeedContext, options: EventFileOptions): string {
  const site = siteOf(context, options);
  const cal = calendar(options, site);
  cal.createEvent(eventData(options.event, options, site));
  return withoutControlCharacters(cal.toString());
}

const calendarResponse = (text: string) =>
  new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });

/** An endpoint response: the calendar of upcoming shows (`src/pages/tour.ics.ts`). */
export function eventsCalendar(context: FeedContext, options: EventsCalendarOptions): Response {
  return calendarResponse(eventsCalendarString(context, options));
}

/** An endpoint response: one show's "add to calendar" file (`src/pages/tour/[id].ics.ts`). */
export function eventFile(context: FeedContext, options: EventFileOptions): Response {
  return calendarResponse(eventFileString(context, options));
}
