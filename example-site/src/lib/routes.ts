/**
 * Every URL the site links to, in one place, so pages, components and feeds agree.
 * Directory-style paths with a trailing slash (astro.config.mjs: trailingSlash 'always').
 */
type WithId = { id: string };

export const routes = {
  home: '/',
  tour: '/tour/',
  event: (e: WithId) => `/tour/${e.id}/`,
  /** One show's "add to calendar" file. */
  eventCalendar: (e: WithId) => `/tour/${e.id}.ics`,
  /** The calendar of upcoming shows fans subscribe to (linked as webcal:). */
  tourCalendar: '/tour.ics',
  videos: '/videos/',
  /** A video on the videos page (VideoEmbed's heading id). */
  video: (v: WithId) => `/videos/#sb-video-${v.id}`,
  music: '/music/',
  playlist: (p: WithId) => `/music/${p.id}/`,
  track: (t: WithId) => `/tracks/${t.id}/`,
  photos: '/photos/',
  album: (a: WithId) => `/photos/albums/${a.id}/`,
  photo: (p: WithId) => `/photos/${p.id}/`,
  blog: '/blog/',
  /** Page 1 is the blog's front page; later pages live under /blog/page/N/. */
  blogPage: (n: number) => (n <= 1 ? '/blog/' : `/blog/page/${n}/`),
  post: (p: WithId) => `/blog/${p.id}/`,
  archive: '/blog/archive/',
  archiveYear: (year: number | string) => `/blog/archive/${year}/`,
  archiveMonth: (year: number | string, month: string) => `/blog/archive/${year}/${month}/`,
  rss: '/rss.xml',
  audioFeed: '/audio.xml',
  jsonFeed: '/feed.json',
} as const;
