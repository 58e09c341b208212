/**
 * The demo account's photo albums and photos: twelve hand-planned albums of
 * thirteen photos each, then (for scale > 1) procedural "road diary" albums.
 */
import { ALBUMS, VENUES, type AlbumPlan } from './demo-content.js';
import type { Random } from './random.js';
import {
  idSequence,
  imageSet,
  laterTime,
  locationRecord,
  parseUtc,
  randomHistoryTime,
  wireDate,
} from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { AlbumRecord, PhotoRecord } from './types.js';

const HOUR = 3_600_000;
export const PHOTOS_PER_ALBUM = 13;
export const BASE_ALBUM_COUNT = ALBUMS.length;
export const BASE_PHOTO_COUNT = ALBUMS.length * PHOTOS_PER_ALBUM;

interface PhotoOptions {
  random: Random;
  mediaBaseUrl: string;
  albumCount: number;
  photoCount: number;
}

export function generatePhotos(o: PhotoOptions): { photos: PhotoRecord[]; albums: AlbumRecord[] } {
  const { random, mediaBaseUrl } = o;
  const nextAlbumId = idSequence(random, 160);
  const nextPhotoId = idSequence(random, 2700);
  const albums: AlbumRecord[] = [];
  const photos: PhotoRecord[] = [];

  const addAlbum = (plan: AlbumPlan, eventMs: number, size: number): void => {
    const id = nextAlbumId();
    const albumCreatedMs = eventMs - 2 * HOUR;
    const album: AlbumRecord = {
      id,
      title: plan.title,
      short_url: shortUrl('pa', id),
      description: plan.description,
      private: Boolean(plan.private),
      exclusive: Boolean(plan.exclusive),
      modified: wireDate(albumCreatedMs),
      created: wireDate(albumCreatedMs),
      images: [],
      location: plan.venue === null ? null : locationRecord(VENUES, plan.venue),
    };
    albums.push(album);
    let takenMs = eventMs;
    for (let i = 0; i < size && photos.length < o.photoCount; i++) {
      takenMs += random.int(3, 25) * 60_000 + random.int(0, 59) * 1000;
      const photo = newPhoto(random, mediaBaseUrl, nextPhotoId(), plan, i, takenMs, album.id);
      photos.push(photo);
      if (i === 0) album.images = photo.images.map((image) => ({ ...image }));
    }
    album.modified = wireDate(laterTime(random, Math.min(takenMs, parseUtc(album.created) + 30 * 24 * HOUR), 0, 20));
  };

  for (const plan of ALBUMS) {
    if (albums.length >= o.albumCount) break;
    addAlbum(plan, parseUtc(plan.date) + 19 * HOUR, PHOTOS_PER_ALBUM);
  }
  // Procedural extras for benchmarks, sharing the photos out evenly.
  const extraAlbums = Math.max(0, o.albumCount - albums.length);
  const extraPhotos = Math.max(0, o.photoCount - photos.length);
  for (let n = 1; n <= extraAlbums; n++) {
    const venue = random.int(0, VENUES.length - 1);
    const size = Math.floor(extraPhotos / extraAlbums) + (n <= extraPhotos % extraAlbums ? 1 : 0);
    const plan: AlbumPlan = {
      title: `Road diary #${n}`,
      date: '',
      venue,
      description: `<p>Snapshots from ${VENUES[venue]?.name}.</p>`,
      captions: [],
    };
    addAlbum(plan, randomHistoryTime(random), size);
  }
  return { photos, albums };
}

function newPhoto(
  random: Random,
  mediaBaseUrl: string,
  id: number,
  plan: AlbumPlan,
  index: number,
  takenMs: number,
  albumId: number,
): PhotoRecord {
  const created = wireDate(takenMs);
  const venues = [plan.venue, ...(plan.moreVenues ?? [])];
  const venue = venues[index % venues.length] ?? null;
  const exclusive = Boolean(plan.exclusive) || random.chance(0.03);
  const photo: PhotoRecord = {
    id,
    // Some photos have no title (the API sends null), like uploads straight from a phone.
    title: plan.captions[index] ?? (random.chance(0.4) ? null : `${plan.title} #${index + 1}`),
    description: photoDescription(random, index),
    // A documented quirk: booleans sometimes arrive as 1/0.
    exclusive: id % 5 === 0 ? (exclusive ? 1 : 0) : exclusive,
    modified: wireDate(laterTime(random, takenMs, 0, random.chance(0.2) ? 300 : 2)),
    created,
    images: imageSet(mediaBaseUrl, id, created),
    location: venue === null || random.chance(0.08) ? null : locationRecord(VENUES, venue),
    album_id: albumId,
  };
  // `private` is not in the docs' photo example: absent means public. Private ones say so.
  if (plan.private || random.chance(0.02)) photo.private = true;
  else if (id % 4 === 0) photo.private = false;
  return photo;
}

function photoDescription(random: Random, index: number): string | null {
  switch (random.int(0, 4)) {
    case 0:
      return null;
    case 1:
      return '';
    case 2:
      return `<p>Photo by ${random.pick(['Hanna', 'Sam Whitaker', 'a very patient friend', 'Mateo'])}.</p>`;
    case 3:
      return `Shot ${index + 1} of the night.`;
    default:
      return '<p>More on <a href="https://juniperstatic.example/photos">our photo page</a>.</p>';
  }
}
