/**
 * Who the site is about. StageBloc's API has no profile endpoint, so the band's name,
 * bio and links live here: edit them when you build from your own account.
 * (The defaults describe Juniper Static, the fictional band of the demo account.)
 */
export const ARTIST = {
  name: 'Juniper Static',
  tagline: 'Dream pop from Duluth, Minnesota',
  /** One or two sentences: the home page's meta description and the band's JSON-LD. */
  description:
    'Juniper Static are a four-piece dream pop band from Duluth, Minnesota: slow-burning songs built from ore-boat horns, hand-me-down synths and long winters on Lake Superior.',
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
  { href: '/music/', label: 'Music', match: ['/music/', '/tracks/'] },
  { href: '/photos/', label: 'Photos', match: ['/photos/'] },
  { href: '/blog/', label: 'Blog', match: ['/blog/'] },
] as const;

/** Posts per blog page. */
export const BLOG_PAGE_SIZE = 8;
