/**
 * Who the site is about. The name, description and image come from the account's profile
 * on StageBloc (the `account` collection) unless they are set here: set one to override it.
 * The rest (tagline, bio, links) has no place in the API, so it lives here: edit it when you
 * build from your own account. (The defaults describe Juniper Static, the demo account's band.)
 */
export const ARTIST = {
  /** Unset: the StageBloc account's name. */
  name: undefined as string | undefined,
  tagline: 'Dream pop from Duluth, Minnesota',
  /** One or two sentences: the home page's meta description and the band's JSON-LD. Unset: the account's description. */
  description: undefined as string | undefined,
  /** The band's picture (a URL or site path) for JSON-LD and link previews. Unset: the account's image. */
  image: undefined as string | undefined,
  bio: [
    'Juniper Static are a four-piece from Duluth, Minnesota, making slow-burning dream pop out of ore-boat horns, hand-me-down synths and long winters on Lake Superior.',
    'Formed in 2014 in a practice space above a closed bait shop, the band has released three albums, two EPs and a live record, and still records everything at Sacred Pines Studio on London Road.',
  ],
  genre: 'Dream pop',
  /** Profiles elsewhere (streaming services, social networks), for JSON-LD `sameAs`. */
  sameAs: [] as string[],
  /** A playlist id to feature on the home page; unset: the newest open playlist with five or more tracks. */
  featuredPlaylistId: undefined as string | undefined,
  locale: 'en-US',
};

/** The main navigation, in order. `match` marks the item current for every path under it. */
export const NAV = [
  { href: '/tour/', label: 'Tour', match: ['/tour/'] },
  { href: '/music/', label: 'Music', match: ['/music/', '/tracks/'] },
  { href: '/videos/', label: 'Videos', match: ['/videos/'] },
  { href: '/photos/', label: 'Photos', match: ['/photos/'] },
  { href: '/blog/', label: 'Blog', match: ['/blog/'] },
] as const;

/** Posts per blog page. */
export const BLOG_PAGE_SIZE = 8;

/**
 * The time zones of the venues: StageBloc gives a show's local time but not its zone.
 * Cities first, then countries, then the default (see the README's `timeZone`).
 */
export const TIME_ZONES = {
  cities: { 'Grand Rapids': 'America/Detroit', Montréal: 'America/Toronto', Winnipeg: 'America/Winnipeg' },
  countries: {
    USA: 'America/Chicago',
    Canada: 'America/Toronto',
    UK: 'Europe/London',
    Germany: 'Europe/Berlin',
    Sweden: 'Europe/Stockholm',
    Netherlands: 'Europe/Amsterdam',
    Japan: 'Asia/Tokyo',
  },
  default: 'America/Chicago',
};
