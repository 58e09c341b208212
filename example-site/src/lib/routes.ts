/**
 * Every URL the site links to, in one place, so pages, components and feeds agree.
 * Directory-style paths with a trailing slash (astro.config.mjs: trailingSlash 'always').
 */
type WithId = { id: string };

export const routes = {
  home: '/',
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
