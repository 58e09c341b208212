/**
 * Which time zone an event's wall-clock times are in. StageBloc gives a venue's local
 * time without a zone and no zone for the venue, so only the site can say: one zone for
 * all its shows, rules by venue, city or country, or a function of the event.
 */
import type { EventEntry } from './types.js';

/** Zones by venue name, city or country (as the entries spell them; case and spacing ignored). */
export interface TimeZoneRules {
  venues?: Record<string, string>;
  cities?: Record<string, string>;
  countries?: Record<string, string>;
  /** For events no rule matches; without it they have no known zone. */
  default?: string;
}

/**
 * An IANA zone for every event (`'America/Chicago'`), rules, or a function of the event
 * (returning undefined: no known zone). Without a known zone an event's times are shown
 * and published as the venue's wall clock, without an offset.
 */
export type TimeZoneOption = string | TimeZoneRules | ((event: EventEntry) => string | null | undefined);

const key = (name: string | null | undefined) => (name ?? '').trim().replace(/\s+/g, ' ').toLowerCase();

function lookUp(table: Record<string, string> | undefined, name: string | null | undefined): string | undefined {
  if (!table || !key(name)) return undefined;
  for (const [candidate, zone] of Object.entries(table)) if (key(candidate) === key(name)) return zone;
  return undefined;
}

/** The zone `option` gives `event`, checked; undefined when it gives none. */
export function eventTimeZone(event: EventEntry, option: TimeZoneOption | undefined): string | undefined {
  const zone = chosenZone(event, option);
  return zone ? checkedTimeZone(zone) : undefined;
}

function chosenZone(event: EventEntry, option: TimeZoneOption | undefined): string | null | undefined {
  if (option === undefined || typeof option === 'string') return option;
  if (typeof option === 'function') return option(event);
  const location = event.data.location;
  return (
    lookUp(option.venues, location?.name) ??
    lookUp(option.cities, location?.address?.city) ??
    lookUp(option.countries, location?.address?.country) ??
    option.default
  );
}

const checked = new Map<string, string>();

/**
 * `zone` in its canonical spelling. A name the platform's zone database does not know is
 * the site's mistake and would put every show at a wrong time, so it fails the build.
 */
export function checkedTimeZone(zone: string): string {
  let canonical = checked.get(zone);
  if (canonical === undefined) {
    try {
      canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      throw new RangeError(
        `astro-stagebloc: "${zone}" is not an IANA time zone (e.g. "Europe/Berlin"); check the timeZone option.`,
      );
    }
    checked.set(zone, canonical);
  }
  return canonical;
}
