/**
 * The demo account's tour: hand-planned shows around the simulator's "today" (some played,
 * some coming) in five countries, with venues and addresses, support acts, ticket links
 * and the states a tour page shows (sold out, free, all ages, 18+/21+). For scale > 1,
 * procedural shows fill the years before. Dated by day offsets from the clock's UTC day,
 * so the same clock day gives the same tour.
 */
import { VENUES, type Venue } from './demo-content.js';
import type { Random } from './random.js';
import { idSequence, imageSet, locationRecord, wireDate } from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { CollaboratorRecord, EventRecord } from './types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Venues of the tour beyond the photo albums' ones (VENUES keeps its indices for them). */
const TOUR_VENUES: Venue[] = [
  ...VENUES,
  {
    name: 'De Kleine Haven',
    website: 'https://dekleinehaven.example',
    address: {
      street_address: 'Westerdok 8',
      city: 'Amsterdam',
      state_province: null,
      postal_code: '1013 BH',
      country: 'Netherlands',
    },
  },
  {
    name: 'Le Petit Phare',
    website: null,
    address: {
      street_address: '4120 Rue Saint-Denis',
      city: 'Montréal',
      state_province: 'QC',
      postal_code: 'H2W 2M5',
      country: 'Canada',
    },
  },
  {
    name: 'Shimokita Garage',
    website: 'https://shimokitagarage.example',
    address: {
      street_address: '2-6-2 Kitazawa',
      city: 'Tokyo',
      state_province: null,
      postal_code: '155-0031',
      country: 'Japan',
    },
  },
];

const COLLABORATORS: CollaboratorRecord[] = [
  { id: 16, name: 'Ada Brennan', website: 'https://adabrennan.example' },
  { id: 23, name: 'The Lift Bridge Choir', website: null },
  { id: 31, name: 'Marrow & Pine', website: 'https://marrowandpine.example' },
];

interface ShowPlan {
  /** Days from the clock's day (negative: played). */
  day: number;
  /** Doors, venue wall clock. */
  hour: number;
  venue: number;
  title?: string;
  price: string | null;
  currency?: string;
  minimumAge?: number | null;
  soldOut?: boolean;
  /** Indices into COLLABORATORS. */
  with?: number[];
  /** Hours; none: no end time. */
  hours?: number;
  description?: string | null;
  poster?: boolean;
  private?: boolean;
}

// Index 12–14 are TOUR_VENUES' own additions.
const SHOWS: ShowPlan[] = [
  {
    day: -410,
    hour: 20,
    venue: 0,
    title: 'Lake Effect release show',
    price: '18.00',
    currency: 'USD',
    minimumAge: 21,
    soldOut: true,
    with: [0],
    hours: 3,
    poster: true,
  },
  { day: -380, hour: 19, venue: 3, price: '15.00', currency: 'USD', minimumAge: 21, with: [2], hours: 3 },
  { day: -376, hour: 19, venue: 4, price: '12.50', currency: 'USD', minimumAge: null, hours: 4 },
  { day: -240, hour: 20, venue: 7, price: '22.00', currency: 'EUR', minimumAge: 18, hours: 3, poster: true },
  { day: -237, hour: 20, venue: 12, price: '20.00', currency: 'EUR', minimumAge: 18, with: [2], hours: 3 },
  { day: -233, hour: 19, venue: 9, price: '16.00', currency: 'GBP', minimumAge: 18, soldOut: true, hours: 3 },
  {
    day: -60,
    hour: 16,
    venue: 10,
    title: 'Summer Shore Festival',
    price: '0.00',
    currency: 'USD',
    minimumAge: 0,
    with: [0, 1],
    hours: 6,
    description: '<p>Free and all ages, on the beach. Bring a blanket.</p>',
    poster: true,
  },
  { day: -12, hour: 20, venue: 1, title: 'Studio session (members)', price: null, private: true },
  {
    day: 9,
    hour: 20,
    venue: 2,
    price: '25.00',
    currency: 'USD',
    minimumAge: 18,
    with: [2],
    hours: 3,
    poster: true,
    description: '<p>Album three, first night. <a href="https://juniperstatic.example/tour">All dates</a>.</p>',
  },
  { day: 12, hour: 19, venue: 6, price: '28.00', currency: 'CAD', minimumAge: null, hours: 3 },
  { day: 15, hour: 20, venue: 13, price: '30.00', currency: 'CAD', minimumAge: 18, soldOut: true, hours: 3 },
  {
    day: 33,
    hour: 19,
    venue: 14,
    title: 'Juniper Static in Tokyo',
    price: '4500',
    currency: 'JPY',
    minimumAge: null,
    with: [0],
    hours: 2,
  },
  {
    day: 47,
    hour: 14,
    venue: 11,
    title: 'Park Point Beach cleanup & acoustic set',
    price: '0',
    currency: 'USD',
    minimumAge: 0,
    with: [1],
    description: 'Free. Gloves and bags provided.',
  },
  {
    day: 75,
    hour: 20,
    venue: 0,
    title: 'Ten-year anniversary show',
    price: '20.00',
    currency: 'USD',
    minimumAge: 21,
    with: [0, 2],
    hours: 4,
    poster: true,
  },
];

export const BASE_EVENT_COUNT = SHOWS.length;

export interface EventOptions {
  random: Random;
  mediaBaseUrl: string;
  /** The simulator's clock (ms): shows are placed around its UTC day. */
  now: number;
  count: number;
}

export function generateEvents(o: EventOptions): EventRecord[] {
  const { random, mediaBaseUrl } = o;
  const today = Math.floor(o.now / DAY) * DAY;
  const nextId = idSequence(random, 110);
  const nextImageId = idSequence(random, 9100);
  const events: EventRecord[] = [];
  const add = (plan: ShowPlan) => {
    const id = nextId();
    const startMs = today + plan.day * DAY + plan.hour * HOUR;
    // Announced two to four months ahead, edited once since, before the clock's day.
    const createdMs = Math.min(startMs - random.int(60, 120) * DAY, today - DAY);
    const modifiedMs = Math.min(createdMs + random.int(1, 40) * DAY, today - HOUR);
    const created = wireDate(createdMs);
    const venue = TOUR_VENUES[plan.venue]!;
    const event: EventRecord = {
      id,
      title: plan.title ?? `Juniper Static at ${venue.name}`,
      minimum_age: plan.minimumAge ?? null,
      buy_link: plan.price === null || Number(plan.price) === 0 ? null : `https://tickets.example/juniper-static/${id}`,
      created,
      modified: wireDate(Math.max(createdMs, modifiedMs)),
      start_date: wireDate(startMs),
      end_date: plan.hours === undefined ? null : wireDate(startMs + plan.hours * HOUR),
      description: plan.description ?? null,
      price: plan.price,
      currency: plan.price === null ? null : (plan.currency ?? 'USD'),
      url: `https://stagebloc.com/juniperstatic/events/${id}`,
      short_url: shortUrl('e', id),
      images: plan.poster ? imageSet(mediaBaseUrl, nextImageId(), created) : [],
      location: locationRecord(TOUR_VENUES, plan.venue),
      collaborators: (plan.with ?? []).map((i) => ({ ...COLLABORATORS[i]! })),
    };
    // Undocumented: sent on sold-out shows (as 1, the way the API writes flags) and some others.
    if (plan.soldOut) event.sold_out = 1;
    else if (id % 3 === 0) event.sold_out = false;
    if (plan.private) event.private = true;
    events.push(event);
  };
  for (const plan of SHOWS.slice(0, o.count)) add(plan);
  // Procedural extras for benchmarks: the road years before the planned tour.
  for (let n = 1; events.length < o.count; n++) {
    const venue = random.int(0, TOUR_VENUES.length - 1);
    add({
      day: -420 - n * 3,
      hour: random.int(18, 21),
      venue,
      price: `${random.int(8, 30)}.00`,
      minimumAge: random.pick([null, 0, 18, 21]),
      hours: 3,
    });
  }
  return events;
}
