/**
 * The demo account's status updates: short, frequent, by two of the band's authors, newest
 * in the week before the account's reference time. Scaled up, more of the same further back.
 */
import { AUTHORS } from './demo-content.js';
import { DEMO_REFERENCE_TIME } from './dates.js';
import type { Random } from './random.js';
import { idSequence, wireDate } from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { StatusRecord } from './types.js';

const HOUR = 3_600_000;

const TEXTS = [
  'Mixing day. Mateo has banned everyone from the control room.',
  'The lake is frozen solid. Perfect writing weather.',
  'New song in the set tonight. Be nice.',
  'Van is packed. See you on the road!',
  'Thank you Winnipeg, you were LOUD.',
  'Vinyl test pressings just arrived & they sound huge.',
  'Soundcheck done, doors at 8.',
  'Hanna broke a snare head in the first song. A record.',
  'Writing lyrics on the ferry again.',
  'Tickets for the anniversary show are up.',
  'Rehearsal room smells like coffee and solder.',
  'Found a Juno-60 at a garage sale. No regrets.',
  'Quiet week. Reading, walking, not much else.',
  'Sold out! Thank you all <3',
  'Tour film rough cut: 94 minutes. It will be shorter.',
  'Good morning from a very cold Duluth.',
  'Fan club demos are up for members.',
  'Last night was the best show we have played in years.',
  'Back in the studio. Album three is real.',
  'Merch table restocked: totes, shirts, a few posters.',
] as const;

export const BASE_STATUS_COUNT = TEXTS.length;

export interface StatusOptions {
  random: Random;
  count: number;
}

export function generateStatuses(o: StatusOptions): StatusRecord[] {
  const nextId = idSequence(o.random, 150);
  const statuses: StatusRecord[] = [];
  // Oldest first: a new status every few days, the last a day before the reference time.
  let publishedMs = DEMO_REFERENCE_TIME - 24 * HOUR;
  const times: number[] = [];
  for (let n = 0; n < o.count; n++) {
    times.unshift(publishedMs);
    publishedMs -= o.random.int(6, 120) * HOUR;
  }
  for (let n = 0; n < o.count; n++) {
    const id = nextId();
    const author = AUTHORS[n % 3 === 2 ? 1 : 0];
    statuses.push({
      id,
      url: `https://stagebloc.com/juniperstatic/statuses/${id}`,
      // Like the docs' second example, some statuses come without links.
      short_url: n % 5 === 4 ? null : shortUrl('s', id),
      text: TEXTS[n % TEXTS.length]!,
      published: wireDate(times[n]!),
      author: { id: author.id, name: author.name },
    });
  }
  return statuses;
}
