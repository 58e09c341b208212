/**
 * `astro-stagebloc/components`: Astro components that render the StageBloc
 * collections' entries. They ship as .astro source and are compiled by the site's
 * own Astro build; each is also importable on its own, e.g.
 * `astro-stagebloc/components/Track.astro`.
 */
// The `// @ts-ignore`s: plain `tsc` cannot resolve .astro modules (Astro's language tools
// can), and this entry is only ever loaded through Vite, which compiles them.
// @ts-ignore
export { default as AlbumCard } from './AlbumCard.astro';
// @ts-ignore
export { default as AlbumGrid } from './AlbumGrid.astro';
// @ts-ignore
export { default as AudioPlayer } from './AudioPlayer.astro';
// @ts-ignore
export { default as BlogArchive } from './BlogArchive.astro';
// @ts-ignore
export { default as BlogList } from './BlogList.astro';
// @ts-ignore
export { default as BlogPost } from './BlogPost.astro';
// @ts-ignore
export { default as DownloadState } from './DownloadState.astro';
// @ts-ignore
export { default as Duration } from './Duration.astro';
// @ts-ignore
export { default as EventDetails } from './EventDetails.astro';
// @ts-ignore
export { default as OpenGraph } from './OpenGraph.astro';
// @ts-ignore
export { default as Photo } from './Photo.astro';
// @ts-ignore
export { default as PhotoGallery } from './PhotoGallery.astro';
// @ts-ignore
export { default as PlaylistCard } from './PlaylistCard.astro';
// @ts-ignore
export { default as PlaylistGrid } from './PlaylistGrid.astro';
// @ts-ignore
export { default as PlaylistPlayer } from './PlaylistPlayer.astro';
// @ts-ignore
export { default as StatusFeed } from './StatusFeed.astro';
// @ts-ignore
export { default as StructuredData } from './StructuredData.astro';
// @ts-ignore
export { default as TourDates } from './TourDates.astro';
// @ts-ignore
export { default as Track } from './Track.astro';
// @ts-ignore
export { default as VideoEmbed } from './VideoEmbed.astro';

export {
  archiveByMonth,
  archiveMonthPaths,
  newestFirst,
  paginateBlog,
  postDate,
  stickyFirst,
} from '../entries/blog.js';
export type { ArchiveMonth, ArchiveYear, BlogPagePaths, PaginateBlogOptions } from '../entries/blog.js';
export { clockDuration, isoDuration, spokenDuration } from '../entries/duration.js';
export { downloadOffers, type DownloadOffer } from './lib/download.js';
export { dimensionsOf, pickImage, srcsetOf } from '../entries/images.js';
export { publishableUrl, webcalUrl } from '../entries/links.js';
export {
  DEFAULT_EVENT_LABELS,
  eventAdmission,
  eventTimes,
  formatEventTimes,
  splitEvents,
  upcomingEvents,
  type EventAdmission,
  type EventLabels,
  type EventTimes,
  type SplitEventsOptions,
  type TimeZoneOption,
  type TimeZoneRules,
} from '../entries/events.js';
export { playableEmbedUrl, videoPoster, videoService } from '../entries/videos.js';
export { newestStatuses } from '../entries/statuses.js';
export { siteProfile, type SiteProfile, type SiteProfileConfig } from '../entries/account.js';
export { addressLine, cityLine } from '../entries/places.js';
export type * from '../entries/types.js';
