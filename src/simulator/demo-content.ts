/**
 * The hand-written part of the demo account: a fictional band, its releases,
 * venues, photo albums and blog headlines. Everything here is invented; any
 * resemblance to real bands or venues is accidental. demo-account.ts turns it
 * into dated records (and scales it up procedurally for benchmarks).
 */
import type { DemoArtist } from './types.js';

export const ARTIST: DemoArtist = {
  accountId: 4242,
  name: 'Juniper Static',
  hometown: 'Duluth, Minnesota',
  founded: 2014,
  genre: 'Dream pop / indie rock',
  website: 'https://juniperstatic.example',
  members: [
    { name: 'Nora Vance', role: 'vocals, synths' },
    { name: 'Eli Okafor', role: 'guitars' },
    { name: 'Mateo Ruiz', role: 'bass, backing vocals' },
    { name: 'Hanna Lindqvist', role: 'drums' },
  ],
  bio:
    'Juniper Static are a four-piece from Duluth, Minnesota, making slow-burning dream pop out of ' +
    'ore-boat horns, hand-me-down synths and long winters on Lake Superior. Formed in 2014 in a ' +
    'practice space above a closed bait shop, the band has released three albums, two EPs and a live ' +
    'record, toured the Midwest, Canada and Europe, and still records everything at Sacred Pines ' +
    'Studio on London Road.',
};

export const AUTHORS = [
  { id: 8, name: 'Nora Vance' },
  { id: 12, name: 'Eli Okafor' },
  { id: 17, name: 'Sam Whitaker' },
] as const;

/** A download offer; `null` on a release means its tracks carry no download_details at all (a quirk the docs allow). */
export interface DownloadOffer {
  price: number;
  fansNamePrice: boolean;
  free: 0 | 1 | 2 | 3;
  paid: 0 | 1 | 2 | 3;
  freeFollow: boolean;
  paidFollow: boolean;
}

export interface Release {
  title: string;
  kind: 'LP' | 'EP' | 'live' | 'collection';
  /** ISO date (UTC) the release went up. */
  date: string;
  description: string | null;
  tracks: string[];
  download: DownloadOffer | null;
  exclusive?: boolean;
  private?: boolean;
  /** Titles of tracks that already exist on an earlier release and are shared, not duplicated. */
  shared?: string[];
}

export const RELEASES: Release[] = [
  {
    title: 'Harbor Lights',
    kind: 'LP',
    date: '2016-04-15',
    description:
      '<p>Our first album, recorded over one long winter at <a href="https://juniperstatic.example/studio">Sacred Pines Studio</a>. Ten songs about ore boats, fog and leaving.</p>',
    tracks: [
      'Harbor Lights',
      'Ore Boats',
      'Canal Park at 4AM',
      'Glass Lake',
      'The Lift Bridge',
      'Lantern Song',
      'Superior',
      'Salt & Iron',
      'Foghorn Lullaby',
      'Last Ferry Home',
    ],
    download: { price: 0.99, fansNamePrice: true, free: 1, paid: 2, freeFollow: false, paidFollow: false },
  },
  {
    title: 'Paper Satellites EP',
    kind: 'EP',
    date: '2017-09-22',
    description: '<p>Five songs, name your price. <em>Thank you for listening.</em></p>',
    tracks: ['Paper Satellites', 'Static Bloom', 'Orbit Song', 'Low Signal', 'Kite Strings'],
    download: { price: 0.5, fansNamePrice: true, free: 0, paid: 2, freeFollow: false, paidFollow: false },
  },
  {
    title: 'Northern Static',
    kind: 'LP',
    date: '2019-03-08',
    description:
      '<p>Album number two. Written on the ice road, recorded in the dark.</p><p>Mixed by Mateo, mastered in Minneapolis.</p>',
    tracks: [
      'Northern Static',
      'Aurora Line',
      'Snowblind',
      'Radio Towers',
      'Ice Road',
      'Copper Wire',
      'Midwinter',
      'Telegraph',
      'Hollow Pines',
      'The Long Dark',
      'Thaw',
    ],
    download: { price: 1.29, fansNamePrice: false, free: 0, paid: 2, freeFollow: false, paidFollow: true },
  },
  {
    title: 'Live at the Red Lantern',
    kind: 'live',
    date: '2020-11-20',
    description: 'Recorded on the livestream from our hometown bar, no audience, a lot of candles.',
    tracks: [
      'Harbor Lights (Live)',
      'Static Bloom (Live)',
      'Aurora Line (Live)',
      'Radio Towers (Live)',
      'Ore Boats (Live)',
      'Snowblind (Live)',
      'Kite Strings (Live)',
      'Thaw (Live)',
    ],
    download: { price: 0.5, fansNamePrice: true, free: 1, paid: 0, freeFollow: true, paidFollow: false },
  },
  {
    title: 'Quiet Machines EP',
    kind: 'EP',
    date: '2022-05-13',
    description:
      '<p>Drum machines, a borrowed Juno and the sound of the furnace. Lossless downloads for the nerds.</p>',
    tracks: ['Quiet Machines', 'Lighthouse Keeper', 'Small Hours', 'Dial Tone', 'Weather Report'],
    download: { price: 1.5, fansNamePrice: true, free: 0, paid: 3, freeFollow: false, paidFollow: true },
  },
  {
    title: 'Demos & B-Sides',
    kind: 'collection',
    date: '2023-02-01',
    description: '<p>For fan-club members: four-track demos, early versions and one jam we still can\u2019t name.</p>',
    tracks: [
      'Harbor Lights (Demo)',
      'Glass Lake (Early Version)',
      'Copper Wire (4-Track Demo)',
      '0451',
      'Small Hours (Acoustic)',
      'Salt & Iron (Alternate Take)',
    ],
    download: { price: 0.5, fansNamePrice: false, free: 2, paid: 0, freeFollow: true, paidFollow: false },
    exclusive: true,
  },
  {
    title: 'Lake Effect',
    kind: 'LP',
    date: '2024-10-04',
    description:
      '<p>Our third album. <strong>Out now everywhere</strong> &mdash; streaming only here while the vinyl presses.</p>',
    tracks: [
      'Lake Effect',
      'Whiteout',
      'Grain Elevator',
      'Honey & Smoke',
      'Cold Front',
      'Drift',
      'North Shore Drive',
      'Birch Light',
      'Undertow',
      'Spring Ice',
    ],
    download: { price: 0.5, fansNamePrice: true, free: 0, paid: 0, freeFollow: false, paidFollow: false },
  },
  {
    title: 'Singles',
    kind: 'collection',
    date: '2025-01-17',
    description: null,
    tracks: ['Snow on the Tracks', 'Brightwater', 'Lake Effect'],
    shared: ['Lake Effect'],
    download: null,
  },
];

/** Per-track exceptions to their release's defaults (the account's private/exclusive/odd items). */
export const TRACK_NOTES: Record<
  string,
  { private?: boolean; exclusive?: boolean; artist?: string | null; description?: string | null; noDownload?: boolean }
> = {
  '0451': { private: true, artist: '', description: null },
  'Glass Lake (Early Version)': { private: true },
  'Copper Wire (4-Track Demo)': { artist: null },
  'Honey & Smoke': { artist: 'Juniper Static feat. Ada Brennan' },
  'Snowblind (Live)': { noDownload: true },
  Brightwater: {
    exclusive: true,
    description:
      '<p>A one-off single for the fan club. <a href="https://juniperstatic.example/club">Join here</a>.</p>',
  },
  'Snow on the Tracks': {
    description: 'Holiday single \u2014 recorded in one take, mistakes and all. Caf\u00e9 bell by Hanna.',
  },
};

export interface Venue {
  name: string;
  website: string | null;
  address: {
    street_address: string | null;
    city: string;
    state_province: string | null;
    postal_code: string | null;
    country: string;
  } | null;
}

export const VENUES: Venue[] = [
  {
    name: 'The Red Lantern',
    website: 'https://redlantern.example',
    address: {
      street_address: '412 East Superior Street',
      city: 'Duluth',
      state_province: 'MN',
      postal_code: '55802',
      country: 'USA',
    },
  },
  {
    name: 'Sacred Pines Studio',
    website: null,
    address: {
      street_address: '1900 London Road',
      city: 'Duluth',
      state_province: 'MN',
      postal_code: '55812',
      country: 'USA',
    },
  },
  {
    name: 'Northern Lights Ballroom',
    website: 'https://northernlightsballroom.example',
    address: {
      street_address: '220 Hennepin Avenue',
      city: 'Minneapolis',
      state_province: 'MN',
      postal_code: '55401',
      country: 'USA',
    },
  },
  {
    name: 'The Copper Tap',
    website: 'https://coppertap.example',
    address: {
      street_address: '1530 North Milwaukee Avenue',
      city: 'Chicago',
      state_province: 'IL',
      postal_code: '60622',
      country: 'USA',
    },
  },
  {
    name: 'Lakeside Amphitheater',
    website: 'https://lakesideamp.example',
    address: {
      street_address: '800 Harbor Drive',
      city: 'Milwaukee',
      state_province: 'WI',
      postal_code: '53202',
      country: 'USA',
    },
  },
  {
    name: 'The Foundry Hall',
    website: null,
    address: {
      street_address: '95 Canal Street',
      city: 'Grand Rapids',
      state_province: 'MI',
      postal_code: '49503',
      country: 'USA',
    },
  },
  {
    name: 'Riverside Music Hall',
    website: 'https://riversidemusichall.example',
    address: {
      street_address: '2 Front Street',
      city: 'Winnipeg',
      state_province: 'MB',
      postal_code: 'R3C 0A1',
      country: 'Canada',
    },
  },
  {
    name: 'Kulturhaus M\u00fchle',
    website: 'https://kulturhaus-muehle.example',
    address: {
      street_address: 'M\u00fchlenstra\u00dfe 12',
      city: 'Berlin',
      state_province: null,
      postal_code: '10243',
      country: 'Germany',
    },
  },
  {
    name: 'Scen Nord',
    website: null,
    address: {
      street_address: 'Norra Vallgatan 10',
      city: 'Malm\u00f6',
      state_province: null,
      postal_code: '211 25',
      country: 'Sweden',
    },
  },
  {
    name: 'The Lamplight Room',
    website: 'https://lamplightroom.example',
    address: {
      street_address: '14 Camden High Street',
      city: 'London',
      state_province: null,
      postal_code: 'NW1 0JH',
      country: 'UK',
    },
  },
  {
    name: 'Summer Shore Festival',
    website: 'https://summershore.example',
    address: { street_address: null, city: 'Duluth', state_province: 'MN', postal_code: null, country: 'USA' },
  },
  { name: 'Park Point Beach', website: null, address: null },
];

export interface AlbumPlan {
  title: string;
  date: string;
  /** Index into VENUES, or null for no location. */
  venue: number | null;
  /** Other venues some of the album's photos were taken at (tours). */
  moreVenues?: number[];
  description: string | null;
  private?: boolean;
  exclusive?: boolean;
  captions: string[];
}

export const ALBUMS: AlbumPlan[] = [
  {
    title: 'Harbor Lights sessions',
    date: '2015-11-20',
    venue: 1,
    description: '<p>Six weeks at Sacred Pines, one space heater.</p>',
    captions: [
      'Tracking drums',
      'Nora at the Rhodes',
      'Tape machine',
      'Snow on the studio steps',
      'Late night vocal take',
      'Mateo and the upright',
    ],
  },
  {
    title: 'Harbor Lights release show',
    date: '2016-04-16',
    venue: 0,
    description: 'Sold out, and the heating worked. Thank you Duluth.',
    captions: ['Line around the block', 'Soundcheck', 'Opening song', 'Crowd shot', 'Encore', 'Setlist'],
  },
  {
    title: 'Midwest tour 2017',
    date: '2017-10-06',
    venue: 3,
    moreVenues: [4, 5],
    description: '<p>Eleven nights, one van, zero breakdowns (almost).</p>',
    captions: ['Loading in', 'Green room', 'Eli mid-solo', 'Van selfie', 'Merch table', 'Chicago skyline'],
  },
  {
    title: 'Paper Satellites video shoot',
    date: '2017-08-12',
    venue: 11,
    description: null,
    captions: ['Kites', 'Golden hour', 'Camera rig', 'Wardrobe', 'Between takes'],
  },
  {
    title: 'Northern Static sessions',
    date: '2018-12-02',
    venue: 1,
    description: '<p>Recording album two in the dark months.</p>',
    captions: ['Frozen window', 'Synth corner', 'Mic placement', 'Hanna tuning drums', 'Mix day'],
  },
  {
    title: 'Winter tour 2019',
    date: '2019-03-15',
    venue: 2,
    moreVenues: [5],
    description: 'Northern Static tour, from Minneapolis to Grand Rapids.',
    captions: ['Marquee', 'Ballroom crowd', 'Backstage', 'Snowy highway', 'Last night of tour'],
  },
  {
    title: 'Summer Shore Festival 2019',
    date: '2019-07-20',
    venue: 10,
    description: '<p>Our hometown festival, on the beach, at sunset.</p>',
    captions: ['Main stage', 'Sunset set', 'Festival crowd', 'Ferris wheel', 'Afterparty'],
  },
  {
    title: 'Red Lantern livestream',
    date: '2020-10-30',
    venue: 0,
    description: 'The night we recorded the live album. Empty room, full chat.',
    captions: ['Candles', 'Camera two', 'Stream check', 'Nora', 'Eli', 'Mateo', 'Hanna'],
  },
  {
    title: 'Canada 2022',
    date: '2022-06-10',
    venue: 6,
    description: '<p>First time across the border with the whole band.</p>',
    captions: ['Border crossing', 'Winnipeg soundcheck', 'Riverside Music Hall', 'Poutine stop'],
  },
  {
    title: 'Europe 2023',
    date: '2023-04-21',
    venue: 7,
    moreVenues: [8, 9],
    description: '<p>Berlin, Malm\u00f6 and London in nine days.</p>',
    captions: ['Berlin U-Bahn', 'Kulturhaus M\u00fchle', 'Malm\u00f6 harbour', 'Scen Nord', 'Camden', 'Lamplight Room'],
  },
  {
    title: 'Lake Effect artwork outtakes',
    date: '2024-07-08',
    venue: null,
    description: 'Private: cover candidates.',
    private: true,
    captions: ['Option A', 'Option B', 'Option C', 'Test print'],
  },
  {
    title: 'Fan club meet & greet 2024',
    date: '2024-11-09',
    venue: 9,
    description: '<p>Members only. Thanks for coming out!</p>',
    exclusive: true,
    captions: ['Signing table', 'Group photo', 'Polaroids', 'Thank-you cake'],
  },
];

export type PostKind = 'release' | 'tour' | 'studio' | 'video' | 'news' | 'thanks' | 'merch' | 'widget';

export interface PostPlan {
  date: string;
  title: string;
  kind: PostKind;
  /** Release or venue the post is about (index), when relevant. */
  release?: number;
  venue?: number;
  sticky?: boolean;
  exclusive?: boolean;
  private?: boolean;
  /** Draft: status 0. `published` stays null unless `scheduled`. */
  draft?: boolean;
  scheduled?: boolean;
  /** Index into AUTHORS (default 0); null: the API sends no author. */
  author?: number | null;
  /** The API sends an empty body. */
  empty?: boolean;
}

/** The account's blog, oldest first: 66 posts over 2015–2025. */
export const POSTS: PostPlan[] = [
  { date: '2015-03-02 18:20:00', title: 'Hello from a bait shop', kind: 'news' },
  { date: '2015-06-14 20:00:00', title: 'Our first show: The Red Lantern, June 27', kind: 'tour', venue: 0 },
  { date: '2015-07-01 11:05:00', title: 'Thank you Duluth <3', kind: 'thanks', venue: 0 },
  { date: '2015-11-19 09:30:00', title: 'We are making a record', kind: 'studio', venue: 1 },
  { date: '2016-01-08 16:45:00', title: 'Studio diary, week six', kind: 'studio', venue: 1, author: 1 },
  { date: '2016-03-01 12:00:00', title: 'Harbor Lights: April 15', kind: 'release', release: 0 },
  { date: '2016-03-29 17:00:00', title: 'New video: "Ore Boats"', kind: 'video', release: 0 },
  { date: '2016-04-15 08:00:00', title: 'Harbor Lights is out today', kind: 'release', release: 0 },
  { date: '2016-04-18 13:10:00', title: 'Release show photos are up', kind: 'thanks', venue: 0 },
  { date: '2016-06-10 10:00:00', title: 'Summer shows', kind: 'tour', venue: 2, author: 2 },
  { date: '2016-09-02 19:30:00', title: 'Tour shirts, round two', kind: 'merch' },
  { date: '2016-12-20 15:00:00', title: 'Year-end list: what we listened to in 2016', kind: 'news', author: 1 },
  { date: '2017-02-14 12:00:00', title: 'Writing again', kind: 'studio' },
  { date: '2017-05-05 09:00:00', title: 'Fan club launch', kind: 'news', exclusive: true },
  { date: '2017-08-15 18:00:00', title: 'Behind the scenes: the kite video', kind: 'video', release: 1 },
  { date: '2017-09-22 08:00:00', title: 'Paper Satellites EP: name your price', kind: 'release', release: 1 },
  { date: '2017-09-25 10:00:00', title: 'Midwest tour 2017 dates', kind: 'tour', venue: 3, author: 2 },
  { date: '2017-10-20 23:50:00', title: 'Tour diary: Chicago', kind: 'thanks', venue: 3, author: 1 },
  { date: '2017-12-18 14:00:00', title: 'Holiday single coming Friday', kind: 'release', release: 7 },
  { date: '2018-02-02 11:00:00', title: 'Gear talk: the pedalboard', kind: 'studio', author: 1, exclusive: true },
  { date: '2018-05-11 16:00:00', title: 'Spring in the practice space', kind: 'studio' },
  { date: '2018-08-30 12:30:00', title: 'Album two is finished', kind: 'studio', venue: 1 },
  { date: '2018-11-15 09:00:00', title: 'Northern Static: March 8', kind: 'release', release: 2 },
  { date: '2019-01-10 17:00:00', title: 'First single: "Aurora Line"', kind: 'video', release: 2 },
  { date: '2019-02-05 10:00:00', title: 'Winter tour 2019', kind: 'tour', venue: 2, author: 2 },
  { date: '2019-03-08 08:00:00', title: 'Northern Static is out now', kind: 'release', release: 2 },
  { date: '2019-03-30 12:00:00', title: 'Thank you, winter tour', kind: 'thanks', venue: 5 },
  { date: '2019-06-01 10:00:00', title: 'Summer Shore Festival, July 20', kind: 'tour', venue: 10 },
  { date: '2019-07-22 09:00:00', title: 'Festival photos', kind: 'thanks', venue: 10 },
  { date: '2019-10-10 15:00:00', title: 'Vinyl repress (finally)', kind: 'merch' },
  { date: '2020-03-16 12:00:00', title: 'Shows postponed', kind: 'news' },
  { date: '2020-05-20 19:00:00', title: 'Living-room sessions, part one', kind: 'video', exclusive: true },
  { date: '2020-10-01 10:00:00', title: 'Livestream from the Red Lantern', kind: 'tour', venue: 0 },
  { date: '2020-11-20 08:00:00', title: 'Live at the Red Lantern, out today', kind: 'release', release: 3 },
  { date: '2021-02-11 13:00:00', title: 'What we are reading', kind: 'news', author: 1 },
  { date: '2021-06-25 16:00:00', title: 'Back in the room together', kind: 'studio' },
  { date: '2021-09-14 11:00:00', title: 'Drum machine experiments', kind: 'studio', exclusive: true, author: 1 },
  { date: '2022-01-20 10:00:00', title: 'Quiet Machines EP announced', kind: 'release', release: 4 },
  { date: '2022-05-13 08:00:00', title: 'Quiet Machines is out (lossless too)', kind: 'release', release: 4 },
  { date: '2022-05-30 12:00:00', title: 'Canada, June 2022', kind: 'tour', venue: 6, author: 2 },
  { date: '2022-06-15 22:10:00', title: 'Winnipeg, you were loud', kind: 'thanks', venue: 6 },
  { date: '2022-09-09 09:00:00', title: 'A new tote bag, and why', kind: 'merch' },
  { date: '2022-12-01 14:00:00', title: 'Members-only demo collection', kind: 'release', release: 5, exclusive: true },
  { date: '2023-02-28 10:00:00', title: 'Europe 2023: Berlin, Malm\u00f6, London', kind: 'tour', venue: 7, author: 2 },
  { date: '2023-04-24 18:00:00', title: 'Tour diary: Kulturhaus M\u00fchle', kind: 'thanks', venue: 7, author: 1 },
  { date: '2023-05-02 09:30:00', title: 'Home again', kind: 'news' },
  { date: '2023-08-17 12:00:00', title: 'Album three: we started', kind: 'studio', venue: 1 },
  { date: '2023-10-03 15:00:00', title: 'Tour map widget test', kind: 'widget' },
  { date: '2024-01-12 11:00:00', title: 'Studio diary: the grain elevator song', kind: 'studio', exclusive: true },
  { date: '2024-03-05 10:00:00', title: 'Internal: budget notes for the vinyl', kind: 'news', private: true },
  { date: '2024-05-21 12:00:00', title: 'Lake Effect: October 4', kind: 'release', release: 6 },
  { date: '2024-07-10 17:00:00', title: 'New video: "Whiteout"', kind: 'video', release: 6 },
  { date: '2024-08-02 09:00:00', title: 'Artwork reveal', kind: 'news' },
  { date: '2024-09-12 10:00:00', title: 'Private: press list', kind: 'news', private: true },
  { date: '2024-10-04 08:00:00', title: 'Lake Effect is out now', kind: 'release', release: 6, sticky: true },
  { date: '2024-10-30 13:00:00', title: 'Lake Effect listening parties', kind: 'tour', venue: 9 },
  { date: '2024-11-12 12:00:00', title: 'Meet & greet photos (members)', kind: 'thanks', venue: 9, exclusive: true },
  { date: '2024-12-16 15:00:00', title: 'Ten years of Juniper Static', kind: 'news', author: 0 },
  {
    date: '2025-01-17 08:00:00',
    title: 'New single: "Brightwater" (fan club first)',
    kind: 'release',
    release: 7,
    exclusive: true,
  },
  { date: '2025-02-03 10:00:00', title: 'Spring 2025 tour dates', kind: 'tour', venue: 4, sticky: true, author: 2 },
  { date: '2025-03-14 11:30:00', title: 'Rehearsal notes', kind: 'studio', private: true },
  { date: '2025-04-22 09:00:00', title: 'Vinyl is here', kind: 'merch' },
  { date: '2025-05-09 16:00:00', title: 'Draft: summer festival announcement', kind: 'tour', venue: 10, draft: true },
  { date: '2025-05-20 10:00:00', title: 'Draft: fall plans', kind: 'news', draft: true },
  {
    date: '2025-05-28 12:00:00',
    title: 'Scheduled: Lake Effect deluxe',
    kind: 'release',
    release: 6,
    draft: true,
    scheduled: true,
  },
  { date: '2025-05-30 18:00:00', title: 'Untitled draft', kind: 'news', draft: true, author: null, empty: true },
];

/** Sentences the procedural posts and captions draw on. */
export const FILLER = [
  'We spent the week in the practice space working through new arrangements.',
  'The lake froze early this year, which means long nights and a lot of writing.',
  'Thank you to everyone who came out, bought a shirt, or just said hello.',
  'Hanna finally replaced the kick drum head, and it sounds enormous.',
  'Eli found a tremolo pedal at a garage sale and we have not stopped using it.',
  'Mateo mixed this one on headphones on the bus, so blame him for the bass.',
  'We are playing a few of the new songs live before they are finished.',
  'The van made it through another winter, against all odds.',
  'Nora wrote most of the lyrics on the ferry to Madeline Island.',
  'Tickets are on sale now; the early shows tend to sell out.',
] as const;

/** Embeds only: YouTube's own player demo video and Big Buck Bunny (CC BY); nothing is downloaded or committed. */
export const YOUTUBE_IDS = ['M7lc1UVf-VE', 'aqz-KE-bpKQ'] as const;
/** Made-up album ids: the embeds are there to exercise iframes in bodies. */
export const BANDCAMP_ALBUM_IDS = [1536701931, 2843559176, 3017455802] as const;
