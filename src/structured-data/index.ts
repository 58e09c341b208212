export {
  absoluteUrl,
  blogPostingLd,
  imageGalleryLd,
  imageObjectLd,
  musicGroupLd,
  musicPlaylistLd,
  musicRecordingLd,
  placeLd,
  serializeJsonLd,
  type GalleryOptions,
  type JsonLd,
  type LinkOptions,
  type MusicGroupInput,
  type PlaylistOptions,
  type PostingOptions,
  type RecordingOptions,
} from './json-ld.js';
export { htmlToText, truncateText } from './text.js';
export { musicEventLd, type EventLdOptions, type EventStatusType } from './events.js';
export { videoObjectLd, type VideoLdOptions } from './videos.js';
