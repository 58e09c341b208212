/**
 * The committed demo media (assets/demo/, made by scripts/make-demo-media.sh)
 * and its manifest of sizes and durations. Records reuse these files in
 * rotation: an id picks the file, so every record still has its own URL.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { IMAGE_SIZES, type ImageSize } from './types.js';

export const AUDIO_QUALITIES = ['mp3_128kb', 'mp3_320kb'] as const;
export type AudioQuality = (typeof AUDIO_QUALITIES)[number];

export interface ImageFile {
  /** Relative to the assets directory. */
  file: string;
  width: number;
  height: number;
  bytes: number;
}
export interface AudioFile {
  file: string;
  /** Seconds, as a decoder reports them. */
  duration: number;
  bytes: number;
}
export interface DemoImage {
  name: string;
  sizes: Record<ImageSize, ImageFile>;
}
export interface DemoAudio {
  name: string;
  files: Record<AudioQuality, AudioFile>;
}
export interface DemoMediaManifest {
  images: DemoImage[];
  audio: DemoAudio[];
}

/** Works from src/simulator (tests) and dist/simulator (the package) alike. */
export const DEMO_ASSETS_DIR = fileURLToPath(new URL('../../assets/demo/', import.meta.url));

let cached: DemoMediaManifest | undefined;

export function demoMediaManifest(): DemoMediaManifest {
  cached ??= parseManifest(JSON.parse(readFileSync(join(DEMO_ASSETS_DIR, 'manifest.json'), 'utf8')));
  return cached;
}

function parseManifest(raw: unknown): DemoMediaManifest {
  const m = raw as Partial<DemoMediaManifest>;
  if (!Array.isArray(m.images) || m.images.length === 0 || !Array.isArray(m.audio) || m.audio.length === 0) {
    throw new Error(`${DEMO_ASSETS_DIR}manifest.json lists no demo media`);
  }
  for (const image of m.images) {
    for (const size of IMAGE_SIZES) {
      if (!image.sizes?.[size]) throw new Error(`demo image ${image.name} lacks its ${size} file`);
    }
  }
  return m as DemoMediaManifest;
}

export function imageForId(id: number): DemoImage {
  const { images } = demoMediaManifest();
  return images[Math.abs(Math.trunc(id)) % images.length] as DemoImage;
}

export function audioForId(id: number): DemoAudio {
  const { audio } = demoMediaManifest();
  return audio[Math.abs(Math.trunc(id)) % audio.length] as DemoAudio;
}

/** The `length` a track streaming this id's MP3 reports: its real duration in whole seconds. */
export function audioLengthForId(id: number): number {
  return Math.round(audioForId(id).files.mp3_128kb.duration);
}
