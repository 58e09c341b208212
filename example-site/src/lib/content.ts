/**
 * The site's questions to the content store: ordering and the few choices the pages
 * share (which playlist to feature, which photos are "recent"). Pages stay declarative.
 */
import { getCollection, getEntries, type CollectionEntry } from 'astro:content';
import { ARTIST } from '../site.js';

export type Playlist = CollectionEntry<'playlists'>;
export type Track = CollectionEntry<'tracks'>;
export type Album = CollectionEntry<'albums'>;
export type Photo = CollectionEntry<'photos'>;
export type Post = CollectionEntry<'blog'>;
export type Event = CollectionEntry<'events'>;
export type Video = CollectionEntry<'videos'>;
export type Status = CollectionEntry<'statuses'>;

const byCreatedDesc = <T extends { data: { created: Date } }>(a: T, b: T) =>
  b.data.created.getTime() - a.data.created.getTime();

export async function playlistsNewestFirst(): Promise<Playlist[]> {
  return (await getCollection('playlists')).sort(byCreatedDesc);
}

export async function albumsNewestFirst(): Promise<Album[]> {
  return (await getCollection('albums')).sort(byCreatedDesc);
}

/** A playlist's tracks in playlist order. */
export async function tracksOf(playlist: Playlist): Promise<Track[]> {
  return getEntries(playlist.data.tracks ?? []);
}

/** An album's photos in album order. */
export async function photosOf(album: Album): Promise<Photo[]> {
  return getEntries(album.data.photos ?? []);
}

/** The playlists a track appears on. */
export async function playlistsOf(track: Track): Promise<Playlist[]> {
  return getEntries(track.data.playlists ?? []);
}

/**
 * The home page's playlist: ARTIST.featuredPlaylistId when set, else the newest playlist
 * that is open to everyone and long enough to be a record (five tracks), else the newest open one.
 */
export async function featuredPlaylist(): Promise<Playlist | undefined> {
  const playlists = await playlistsNewestFirst();
  if (ARTIST.featuredPlaylistId) {
    const chosen = playlists.find((p) => p.id === ARTIST.featuredPlaylistId);
    if (chosen) return chosen;
  }
  const open = playlists.filter((p) => !p.data.locked && p.data.trackCount > 0);
  return open.find((p) => p.data.trackCount >= 5) ?? open[0];
}

/** The newest photos that can be shown to everyone. */
export async function recentPhotos(count: number): Promise<Photo[]> {
  const photos = (await getCollection('photos')).filter((p) => !p.data.locked);
  return photos.sort(byCreatedDesc).slice(0, count);
}

export async function videosNewestFirst(): Promise<Video[]> {
  return (await getCollection('videos')).sort(byCreatedDesc);
}
