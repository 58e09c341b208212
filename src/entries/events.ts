/**
 * Events for pages, feeds and JSON-LD: the instants their wall-clock times stand for,
 * which are upcoming, how their dates read in the venue's time, and their ticket states.
 */
import { Temporal } from 'temporal-polyfill';
import { eventTimeZone, type TimeZoneOption } from './time-zones.js';
import type { EventEntry } from './types.js';

export type { TimeZoneOption, TimeZoneRules } from './time-zones.js';

const HOUR = 3_600_000;

export interface EventTimes {
  /** The IANA zone the times are in, when the site said which. */
  timeZone: string | undefined;
  /** `2025-03-14T20:00:00+01:00` with a zone, the wall clock `2025-03-14T20:00:00` without one. */
  startIso: string;
  endIso: string | undefined;
  /** The instant it starts: exact with a zone; without one, the wall clock read as UTC (good for sorting only). */
  startsAt: Date;
  endsAt: Date | undefined;
  /**
   * From when the event no longer counts as upcoming: its end, else the end of its day at the
   * venue. Without a zone, when that day has ended everywhere (read at UTC−12), so a show is
   * never taken down before it has happened.
   */
  pastAfter: Date;
}

function wallClock(local: string | null | undefined, id: string): Temporal.PlainDateTime | undefined {
  if (!local) return undefined;
  try {
    return Temporal.PlainDateTime.from(local);
  } catch {
    throw new RangeError(
      `astro-stagebloc: event ${id} has a start or end "${local}" that is not an ISO 8601 local date-time.`,
    );
  }
}

const asUtc = (wall: Temporal.PlainDateTime) => new Date(wall.toZonedDateTime('UTC').epochMilliseconds);

/** The times of `event` in the zone `timeZone` gives it. */
export function eventTimes(event: EventEntry, timeZone?: TimeZoneOption): EventTimes {
  const zone = eventTimeZone(event, timeZone);
  const start = wallClock(event.data.startLocal, event.id)!;
  const rawEnd = wallClock(event.data.endLocal, event.id);
  // An end before the start is a typo in the event, not a show that ends before it begins.
  const end = rawEnd && Temporal.PlainDateTime.compare(rawEnd, start) > 0 ? rawEnd : undefined;
  const over = end ?? start.toPlainDate().add({ days: 1 }).toPlainDateTime();
  const iso = (wall: Temporal.PlainDateTime) =>
    zone
      ? wall.toZonedDateTime(zone).toString({ timeZoneName: 'never', smallestUnit: 'second' })
      : wall.toString({ smallestUnit: 'second' });
  const instant = (wall: Temporal.PlainDateTime) =>
    zone ? new Date(wall.toZonedDateTime(zone).epochMilliseconds) : asUtc(wall);
  return {
    timeZone: zone,
    startIso: iso(start),
    endIso: end ? iso(end) : undefined,
    startsAt: instant(start),
    endsAt: end ? instant(end) : undefined,
    pastAfter: zone ? instant(over) : new Date(asUtc(over).getTime() + 12 * HOUR),
  };
}

export interface SplitEventsOptions {
  timeZone?: TimeZoneOption | undefined;
  /** The moment that divides upcoming from past; default: now (the build). */
  now?: Date | undefined;
}

export interface TimedEvent {
  event: EventEntry;
  times: EventTimes;
}

/** Upcoming events soonest first, past events latest first. */
export function splitEvents(
  events: readonly EventEntry[],
  options: SplitEventsOptions = {},
): { upcoming: TimedEvent[]; past: TimedEvent[] } {
  const now = (options.now ?? new Date()).getTime();
  const timed = events.map((event) => ({ event, times: eventTimes(event, options.timeZone) }));
  const byStart = (a: TimedEvent, b: TimedEvent) => a.times.startsAt.getTime() - b.times.startsAt.getTime();
  return {
    upcoming: timed.filter((t) => t.times.pastAfter.getTime() > now).sort(byStart),
    past: timed.filter((t) => t.times.pastAfter.getTime() <= now).sort((a, b) => byStart(b, a)),
  };
}

/** The upcoming events, soonest first (for feeds and calendars). */
export function upcomingEvents(events: readonly EventEntry[], options: SplitEventsOptions = {}): EventEntry[] {
  return splitEvents(events, options).upcoming.map((t) => t.event);
}

export type EventDateStyle = 'full' | 'long' | 'medium' | 'short';

const DATE_FIELDS: Record<EventDateStyle, Intl.DateTimeFormatOptions> = {
  full: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  long: { year: 'numeric', month: 'long', day: 'numeric' },
  medium: { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' },
  short: { year: 'numeric', month: 'numeric', day: 'numeric' },
};

/**
 * The start (and end, when the event has one) as the venue's clock shows it, with the zone's
 * name when known: "Friday, March 14, 2025 at 8:00 PM CDT".
 */
export function formatEventTimes(
  times: EventTimes,
  options: { locale?: string | undefined; dateStyle?: EventDateStyle | undefined; withTime?: boolean } = {},
): string {
  const { locale = 'en-US', dateStyle = 'full', withTime = true } = options;
  const format = new Intl.DateTimeFormat(locale, {
    timeZone: times.timeZone ?? 'UTC',
    ...DATE_FIELDS[dateStyle],
    // timeStyle would add seconds to the zone's name; these fields give "8:00 PM CDT".
    ...(withTime ? { hour: 'numeric', minute: '2-digit', timeZoneName: times.timeZone ? 'short' : undefined } : {}),
  });
  if (!withTime || !times.endsAt) return format.format(times.startsAt);
  return format.formatRange(times.startsAt, times.endsAt);
}

/** Parts for a calendar-leaf date block: "Mar", "14", "Fri", "2025". */
export function eventDateParts(
  times: EventTimes,
  locale = 'en-US',
): { month: string; day: string; weekday: string; year: string } {
  const parts = new Intl.DateTimeFormat(locale, {
    timeZone: times.timeZone ?? 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    year: 'numeric',
  }).formatToParts(times.startsAt);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { month: part('month'), day: part('day'), weekday: part('weekday'), year: part('year') };
}

export interface EventAdmission {
  soldOut: boolean;
  free: boolean;
  /** No minimum age (null or 0). */
  allAges: boolean;
  minimumAge: number | undefined;
  /** "$12.50", or "12.50 XYZ" for a currency the platform cannot format; undefined when free or unpriced. */
  price: string | undefined;
}

export function eventAdmission(event: EventEntry, locale = 'en-US'): EventAdmission {
  const d = event.data;
  const age = typeof d.minimumAge === 'number' && d.minimumAge > 0 ? Math.floor(d.minimumAge) : undefined;
  return {
    soldOut: d.soldOut,
    free: d.free,
    allAges: age === undefined,
    minimumAge: age,
    price: d.free ? undefined : formatPrice(d.price, locale),
  };
}

function formatPrice(price: EventEntry['data']['price'], locale: string): string | undefined {
  const amount = priceAmount(price);
  if (amount === undefined || !price) return undefined;
  const currency = price.currency?.trim().toUpperCase();
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(Number(amount));
    } catch {
      // A code Intl does not know: show it as written.
    }
  }
  return currency ? `${amount} ${currency}` : amount;
}

/** The amount as a plain decimal ("12.50"), or undefined when StageBloc's string is not one. */
export function priceAmount(price: EventEntry['data']['price']): string | undefined {
  const amount = price?.amount.trim();
  return amount && /^\d+(?:\.\d+)?$/.test(amount) ? amount : undefined;
}

/** The words the event components use; pass some or all to translate or rephrase them. */
export interface EventLabels {
  tickets: string;
  soldOut: string;
  free: string;
  allAges: string;
  minimumAge: (age: number) => string;
  /** Before the list of collaborators: "with A, B and C". */
  with: string;
  addToCalendar: string;
  /** The headings of an event page's facts. */
  venue: string;
  lineup: string;
  admission: string;
  /** Shown on an event's page once it has taken place (at build time, or by the page's script later). */
  passed: string;
  upcoming: string;
  past: string;
  noUpcoming: string;
}

export const DEFAULT_EVENT_LABELS: EventLabels = {
  tickets: 'Tickets',
  soldOut: 'Sold out',
  free: 'Free',
  allAges: 'All ages',
  minimumAge: (age) => `${age}+`,
  with: 'with',
  addToCalendar: 'Add to calendar',
  venue: 'Venue',
  lineup: 'Also playing',
  admission: 'Admission',
  passed: 'This show has taken place.',
  upcoming: 'Upcoming shows',
  past: 'Past shows',
  noUpcoming: 'No upcoming shows right now.',
};

export function eventLabels(labels: Partial<EventLabels> | undefined): EventLabels {
  return { ...DEFAULT_EVENT_LABELS, ...labels };
}

/** "A, B and C" in the page's language. */
export function listOfNames(names: readonly string[], locale = 'en-US'): string {
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(names);
}
