/**
 * POST /audio/edit: create or edit a track from a multipart upload (streamed,
 * counted, sniffed; never held whole) or a urlencoded form, with the docs'
 * validation and defaults. New tracks land in a "Mobile Uploads" playlist.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';
import { AUDIO_HEADER_BYTES, audioDurationSeconds, sniffAudio, type UploadAudioKind } from './audio-header.js';
import { formatWireDate } from './dates.js';
import { readBody } from './http-io.js';
import type { ListResult } from './list-endpoints.js';
import { audioPath, joinMediaUrl } from './media-urls.js';
import { boundaryFrom, createMultipartParser, MultipartError } from './multipart.js';
import { shortUrl } from './short-url.js';
import type { DemoAccount, PlaylistRecord, TrackRecord } from './types.js';
import { trackToWire } from './wire-records.js';

export const MOBILE_UPLOADS_TITLE = 'Mobile Uploads';
/** The docs: "any WAV or AIFF file < 200MB in size". */
export const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
const MAX_FIELD_BYTES = 1024 * 1024;
const FLAGS = [
  'private',
  'exclusive',
  'free_download_require_follow',
  'paid_download_require_follow',
  'fans_name_price',
] as const;
const QUALITIES = ['free_download_quality', 'paid_download_quality'] as const;

export interface AudioEditContext {
  account: DemoAccount;
  mediaBaseUrl: string;
  maxUploadBytes: number;
  now: () => number;
}

interface Upload {
  kind: UploadAudioKind | null;
  bytes: number;
  seconds: number | null;
}

interface EditForm {
  fields: Map<string, string>;
  file: Upload | null;
}

export async function handleAudioEdit(req: IncomingMessage, ctx: AudioEditContext): Promise<ListResult> {
  const form = await readForm(req, ctx.maxUploadBytes);
  const track = applyEdit(form, ctx);
  return { total: 1, items: [trackToWire(track)] };
}

async function readForm(req: IncomingMessage, maxUploadBytes: number): Promise<EditForm> {
  const contentType = req.headers['content-type'];
  const boundary = boundaryFrom(contentType);
  if (boundary) return readMultipart(req, boundary, maxUploadBytes);
  if (contentType && /^application\/x-www-form-urlencoded\b/i.test(contentType)) {
    const body = await readBody(req, MAX_FIELD_BYTES);
    return { fields: new Map(new URLSearchParams(body.toString('utf8'))), file: null };
  }
  throw new ApiError(
    415,
    'Send the fields as multipart/form-data (or application/x-www-form-urlencoded when there is no audio_data).',
  );
}

function readMultipart(req: IncomingMessage, boundary: string, maxUploadBytes: number): Promise<EditForm> {
  const fields = new Map<string, string>();
  let file: Upload | null = null;
  let head: Buffer[] = [];
  let headBytes = 0;
  let target: 'file' | 'discard' = 'discard';

  const parser = createMultipartParser(
    boundary,
    {
      partStart(part) {
        if (part.name === 'audio_data') {
          target = 'file';
          file = { kind: null, bytes: 0, seconds: null };
          head = [];
          headBytes = 0;
          return 'stream';
        }
        // Other file parts are read past, not kept.
        target = 'discard';
        return part.filename === null ? 'field' : 'stream';
      },
      data(chunk) {
        if (target !== 'file' || !file) return;
        file.bytes += chunk.length;
        if (file.bytes >= maxUploadBytes)
          throw new ApiError(413, `audio_data must be smaller than ${maxUploadBytes} bytes.`);
        if (headBytes < AUDIO_HEADER_BYTES) {
          head.push(chunk.subarray(0, AUDIO_HEADER_BYTES - headBytes));
          headBytes += Math.min(chunk.length, AUDIO_HEADER_BYTES - headBytes);
        }
      },
      partEnd() {
        if (target === 'file' && file) {
          const headBuffer = Buffer.concat(head);
          file.kind = sniffAudio(headBuffer);
          file.seconds = file.kind ? audioDurationSeconds(headBuffer, file.bytes) : null;
        }
        target = 'discard';
      },
      field(name, value) {
        fields.set(name, value);
      },
    },
    { maxFieldBytes: MAX_FIELD_BYTES },
  );

  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      req.off('data', onData);
      // Stop reading: the response goes out now and the connection is closed after it.
      req.pause();
      reject(error instanceof MultipartError ? new ApiError(400, `Malformed multipart body: ${error.message}`) : error);
    };
    const onData = (chunk: Buffer) => {
      try {
        parser.write(chunk);
      } catch (error) {
        fail(error);
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      try {
        parser.end();
        resolve({ fields, file });
      } catch (error) {
        fail(error);
      }
    });
    req.once('error', reject);
  });
}

function applyEdit(form: EditForm, ctx: AudioEditContext): TrackRecord {
  const { account } = ctx;
  const { fields, file } = form;
  const idText = fields.get('id');
  let existing: TrackRecord | undefined;
  if (idText !== undefined && idText !== '') {
    if (!/^\d{1,15}$/.test(idText) || Number(idText) < 1) throw new ApiError(400, 'id must be a positive integer.');
    existing = account.tracks.find((t) => t.id === Number(idText));
    if (!existing) throw new ApiError(404, `No audio with an id of ${idText} was found.`);
  }
  if (file && !file.kind) throw new ApiError(415, 'audio_data must be a WAV or AIFF file.');

  const issues: string[] = [];
  if (!existing && !file) issues.push('audio_data is required when adding a new audio track.');
  const title = fields.get('title');
  if (title === undefined || title.trim() === '') issues.push('title is required.');
  else if ([...title].length > 100) issues.push('title must be 100 characters or fewer.');
  const artist = fields.get('artist');
  if (artist !== undefined && [...artist].length > 250) issues.push('artist must be 250 characters or fewer.');
  for (const name of FLAGS) {
    const value = fields.get(name);
    if (value !== undefined && value !== '0' && value !== '1') issues.push(`${name} must be 0 or 1.`);
  }
  for (const name of QUALITIES) {
    const value = fields.get(name);
    if (value !== undefined && !/^[0-3]$/.test(value)) issues.push(`${name} must be 0, 1, 2 or 3.`);
  }
  const price = fields.get('price');
  // The docs say "> 0.50" yet default to .5, so .5 itself is accepted.
  if (price !== undefined && !(/^\d*\.?\d+$/.test(price) && Number(price) >= 0.5))
    issues.push('price must be a number of at least 0.50.');
  const playlistIds = parsePlaylistIds(fields.get('audio_playlist_id'), account, issues);
  if (issues.length > 0) throw new ApiError(422, issues.join(' '));

  const now = formatWireDate(ctx.now());
  const track = existing ?? newTrack(account, ctx.mediaBaseUrl, now);
  track.title = (title as string).trim();
  if (artist !== undefined) track.artist = artist;
  const description = fields.get('description');
  if (description !== undefined) track.description = description;
  if (fields.has('private')) track.private = fields.get('private') === '1';
  if (fields.has('exclusive')) track.exclusive = fields.get('exclusive') === '1';
  if (file) track.length = file.seconds;
  track.download_details = downloadDetails(track, fields);
  track.modified = now;
  if (!existing) account.tracks.push(track);

  if (playlistIds) setPlaylists(account, track.id, playlistIds, now);
  else if (!existing) addToPlaylist(mobileUploads(account, now), track.id, now);
  return track;
}

function newTrack(account: DemoAccount, mediaBaseUrl: string, now: string): TrackRecord {
  const id = account.tracks.reduce((max, t) => Math.max(max, t.id), 0) + 1;
  return {
    id,
    title: '',
    // The docs' defaults: artist and description empty.
    artist: '',
    raw_url: null,
    embed_url: joinMediaUrl(mediaBaseUrl, audioPath('mp3_128kb', account.artist.accountId, id, now)),
    short_url: shortUrl('a', id),
    description: '',
    created: now,
    modified: now,
    length: null,
    exclusive: false,
    private: false,
    download_details: null,
  };
}

function downloadDetails(track: TrackRecord, fields: Map<string, string>): TrackRecord['download_details'] {
  const old = track.download_details;
  const quality = (name: (typeof QUALITIES)[number]) =>
    fields.has(name) ? Number(fields.get(name)) : Number(old?.[name] ?? 0);
  const flag = (name: (typeof FLAGS)[number], fallback: boolean) => {
    const value = fields.get(name);
    if (value !== undefined) return value === '1';
    const previous = old?.[name];
    return previous === undefined ? fallback : previous === true || previous === 1;
  };
  return {
    price: fields.has('price') ? Number(fields.get('price')) : Number(old?.price ?? 0.5),
    fans_name_price: flag('fans_name_price', true),
    free_download_quality: quality('free_download_quality'),
    paid_download_quality: quality('paid_download_quality'),
    free_download_require_follow: flag('free_download_require_follow', false),
    paid_download_require_follow: flag('paid_download_require_follow', false),
  };
}

function parsePlaylistIds(value: string | undefined, account: DemoAccount, issues: string[]): number[] | null {
  if (value === undefined || value.trim() === '') return null;
  const ids: number[] = [];
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const playlist = /^\d{1,15}$/.test(part) ? account.playlists.find((p) => p.id === Number(part)) : undefined;
    if (!playlist) issues.push(`audio_playlist_id ${part} is not a playlist of this account.`);
    else if (!ids.includes(playlist.id)) ids.push(playlist.id);
  }
  return ids;
}

/** Makes the track a member of exactly these playlists (appended where new). */
function setPlaylists(account: DemoAccount, trackId: number, playlistIds: number[], now: string): void {
  for (const playlist of account.playlists) {
    const member = playlist.track_ids.includes(trackId);
    const wanted = playlistIds.includes(playlist.id);
    if (wanted && !member) addToPlaylist(playlist, trackId, now);
    if (!wanted && member) {
      playlist.track_ids = playlist.track_ids.filter((id) => id !== trackId);
      playlist.modified = now;
    }
  }
}

/** A playlist whose track list changes counts as modified (so incremental syncs see it). */
function addToPlaylist(playlist: PlaylistRecord, trackId: number, now: string): void {
  if (playlist.track_ids.includes(trackId)) return;
  playlist.track_ids.push(trackId);
  playlist.modified = now;
}

function mobileUploads(account: DemoAccount, now: string): PlaylistRecord {
  const found = account.playlists.find((p) => p.title === MOBILE_UPLOADS_TITLE);
  if (found) return found;
  const id = account.playlists.reduce((max, p) => Math.max(max, p.id), 0) + 1;
  const playlist: PlaylistRecord = {
    id,
    title: MOBILE_UPLOADS_TITLE,
    description: null,
    created: now,
    modified: now,
    short_url: shortUrl('ap', id),
    exclusive: false,
    private: false,
    download_details: null,
    images: [],
    track_ids: [],
  };
  account.playlists.push(playlist);
  return playlist;
}
