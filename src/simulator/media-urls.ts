/**
 * CDN-shaped media paths, as in the docs' examples:
 *   /production/photos/1/thumbnail/20120717_144734_1_2783.jpeg
 *   /production/audio/1/mp3_128kb/5190_20120619_175046_1_311.mp3
 * The trailing number is the id that picks the demo file (media-manifest.ts).
 */
import { IMAGE_SIZES, type ImageSize } from './types.js';
import { AUDIO_QUALITIES, type AudioQuality } from './media-manifest.js';
import { fileStamp } from './dates.js';
import type { WireDate } from './types.js';

export function imagePath(size: ImageSize, id: number, created: WireDate): string {
  return `/production/photos/1/${size}/${fileStamp(created)}_1_${id}.jpeg`;
}

export function audioPath(quality: AudioQuality, accountId: number, id: number, created: WireDate): string {
  return `/production/audio/1/${quality}/${accountId}_${fileStamp(created)}_1_${id}.mp3`;
}

/** 'http://127.0.0.1:1234' or 'http://127.0.0.1:1234/' + '/production/…' → one slash between them. */
export function joinMediaUrl(mediaBaseUrl: string, path: string): string {
  return mediaBaseUrl.replace(/\/+$/, '') + path;
}

export type MediaRef =
  | { kind: 'image'; size: ImageSize; id: number }
  | { kind: 'audio'; quality: AudioQuality; id: number };

const IMAGE_PATH = new RegExp(`^/production/photos/1/(${IMAGE_SIZES.join('|')})/\\d{8}_\\d{6}_1_(\\d{1,15})\\.jpeg$`);
const AUDIO_PATH = new RegExp(
  `^/production/audio/1/(${AUDIO_QUALITIES.join('|')})/\\d+_\\d{8}_\\d{6}_1_(\\d{1,15})\\.mp3$`,
);

/** The media a path names, or null for anything not shaped like a CDN path. */
export function parseMediaPath(path: string): MediaRef | null {
  const image = IMAGE_PATH.exec(path);
  if (image) return { kind: 'image', size: image[1] as ImageSize, id: Number(image[2]) };
  const audio = AUDIO_PATH.exec(path);
  if (audio) return { kind: 'audio', quality: audio[1] as AudioQuality, id: Number(audio[2]) };
  return null;
}
