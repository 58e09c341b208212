/**
 * The two relations the list items do not carry, read for one playlist or album: a
 * playlist's track order and an album's photos. Shared by the full walk and the head walk,
 * so both read them the same way.
 */
import type { StageBlocClient } from '../client/index.js';
import type { Album, Playlist } from '../client/model.js';
import type { AlbumRecord, PlaylistRecord } from './account-data.js';

/** `tracks` from include_tracks when the server sent them, else the documented per-playlist call. */
export async function playlistRecord(
  client: StageBlocClient,
  { tracks, ...playlist }: Playlist,
): Promise<PlaylistRecord> {
  const ordered =
    tracks ?? (playlist.trackCount > 0 ? (await client.tracks.list({ playlistId: playlist.id })).items : []);
  return { ...playlist, trackIds: ordered.map((t) => t.id) };
}

/**
 * No include_photos exists: one /photos/list?album_id= per album (callers run them
 * concurrently; the client bounds it), read for the ids only (the photos walk has the photos).
 */
export async function albumRecord(client: StageBlocClient, album: Album): Promise<AlbumRecord> {
  return { ...album, photoIds: album.photoCount > 0 ? await client.albums.photoIds(album.id) : [] };
}
