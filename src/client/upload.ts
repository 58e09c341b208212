/**
 * `/audio/edit`: client-side validation that mirrors the docs (run before any
 * byte is sent) and the multipart/form-data body, streamed from disk in small
 * chunks with an exact Content-Length so a 199 MB WAV never sits in memory.
 */
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { randomBytes } from 'node:crypto';
import { StageBlocValidationError } from './errors.js';
import { ENDPOINTS } from './endpoints.js';
import { AUDIO_CONTENT_TYPES, sniffAudioFile, type AudioFileType } from './sniff.js';
import type { OutgoingBody } from './transport.js';

export type DownloadQualityInput = 0 | 1 | 2 | 3;

export interface AudioEditInput {
  /** Edit this track; omit to create a new one (then `file` is required). */
  id?: number;
  title: string;
  /** Path to a WAV or AIFF file; required when there is no `id`. */
  file?: string;
  artist?: string;
  playlistIds?: number[];
  description?: string;
  private?: boolean;
  exclusive?: boolean;
  freeDownloadQuality?: DownloadQualityInput;
  paidDownloadQuality?: DownloadQualityInput;
  freeDownloadRequireFollow?: boolean;
  paidDownloadRequireFollow?: boolean;
  /** USD, at least 0.50. */
  price?: number;
  fansNamePrice?: boolean;
  /** Called as file bytes are handed to the connection. */
  onProgress?: (progress: { sentBytes: number; totalBytes: number }) => void;
}

export interface ValidatedAudioEdit {
  fileSize?: number;
  fileType?: AudioFileType;
}

/** The docs' "< 200MB". Deliberately not an option: the server enforces it regardless. */
export const MAX_AUDIO_FILE_BYTES = 200 * 1024 * 1024;
const MAX_TITLE_LENGTH = 100;
const MAX_ARTIST_LENGTH = 250;
/** The docs say "> 0.50" but default to .5 themselves, so 0.50 is accepted. */
const MIN_PRICE = 0.5;
/** Bytes read from disk per chunk. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;

const BOOLEAN_FIELDS = [
  ['private', 'private'],
  ['exclusive', 'exclusive'],
  ['freeDownloadRequireFollow', 'free_download_require_follow'],
  ['paidDownloadRequireFollow', 'paid_download_require_follow'],
  ['fansNamePrice', 'fans_name_price'],
] as const satisfies readonly (readonly [keyof AudioEditInput, string])[];

const QUALITY_FIELDS = [
  ['freeDownloadQuality', 'free_download_quality'],
  ['paidDownloadQuality', 'paid_download_quality'],
] as const satisfies readonly (readonly [keyof AudioEditInput, string])[];

/**
 * Checks every field and the file (existence, type sniffed from its header,
 * size) and throws one StageBlocValidationError listing all problems.
 */
export async function validateAudioEdit(input: AudioEditInput): Promise<ValidatedAudioEdit> {
  const issues: string[] = [];
  const result: ValidatedAudioEdit = {};

  if (input.id !== undefined && (!Number.isSafeInteger(input.id) || input.id < 1)) {
    issues.push(`id must be a positive integer (got ${String(input.id)})`);
  }
  if (typeof input.title !== 'string' || input.title.trim() === '') {
    issues.push('title is required');
  } else if (characterCount(input.title) > MAX_TITLE_LENGTH) {
    issues.push(`title must be at most ${MAX_TITLE_LENGTH} characters (got ${characterCount(input.title)})`);
  }
  if (input.artist !== undefined) {
    if (typeof input.artist !== 'string') issues.push('artist must be a string');
    else if (characterCount(input.artist) > MAX_ARTIST_LENGTH) {
      issues.push(`artist must be at most ${MAX_ARTIST_LENGTH} characters (got ${characterCount(input.artist)})`);
    }
  }
  if (input.description !== undefined && typeof input.description !== 'string') {
    issues.push('description must be a string');
  }
  if (input.playlistIds !== undefined) {
    if (!Array.isArray(input.playlistIds) || input.playlistIds.some((id) => !Number.isSafeInteger(id) || id < 1)) {
      issues.push(`playlistIds must be a list of positive integers (got ${JSON.stringify(input.playlistIds)})`);
    }
  }
  for (const [key] of BOOLEAN_FIELDS) {
    const value = input[key];
    if (value !== undefined && typeof value !== 'boolean')
      issues.push(`${key} must be true or false (got ${String(value)})`);
  }
  for (const [key] of QUALITY_FIELDS) {
    const value = input[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= 0 && value <= 3)) {
      issues.push(`${key} must be 0, 1, 2 or 3 (got ${String(value)})`);
    }
  }
  if (
    input.price !== undefined &&
    !(typeof input.price === 'number' && Number.isFinite(input.price) && input.price >= MIN_PRICE)
  ) {
    issues.push(`price must be a number of at least ${MIN_PRICE.toFixed(2)} USD (got ${String(input.price)})`);
  }

  if (input.file === undefined) {
    if (input.id === undefined) issues.push('file is required when creating a track (no id given)');
  } else {
    await checkFile(input.file, issues, result);
  }

  if (issues.length > 0) throw new StageBlocValidationError(issues, ENDPOINTS.audioEdit);
  return result;
}

async function checkFile(path: string, issues: string[], result: ValidatedAudioEdit): Promise<void> {
  if (typeof path !== 'string' || path === '') {
    issues.push('file must be a path');
    return;
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      issues.push(`file ${path} is not a regular file`);
      return;
    }
    size = info.size;
  } catch (error) {
    const code = (error as { code?: string }).code;
    issues.push(code === 'ENOENT' ? `file ${path} does not exist` : `file ${path} cannot be read (${code ?? 'error'})`);
    return;
  }
  if (size >= MAX_AUDIO_FILE_BYTES) {
    issues.push(
      `file ${path} is ${formatBytes(size)}; StageBloc accepts files under ${formatBytes(MAX_AUDIO_FILE_BYTES)}`,
    );
  }
  let type: AudioFileType | undefined;
  try {
    type = await sniffAudioFile(path);
  } catch (error) {
    issues.push(`file ${path} cannot be read (${(error as { code?: string }).code ?? 'error'})`);
    return;
  }
  if (type === undefined) {
    issues.push(`file ${path} is not a WAV or AIFF file (its header is neither RIFF/WAVE nor FORM/AIFF)`);
    return;
  }
  result.fileSize = size;
  result.fileType = type;
}

/**
 * The multipart body for a validated input. Returns a factory because a
 * stream can be consumed once; the transport calls it per attempt (uploads are
 * not retried, but redirect handling and tests may build it again).
 */
export function audioEditBody(
  input: AudioEditInput,
  validated: ValidatedAudioEdit,
): (onActivity: () => void) => OutgoingBody {
  const fields = audioEditFields(input);
  return (onActivity) => {
    const boundary = `----astro-stagebloc-${randomBytes(16).toString('hex')}`;
    const head = Buffer.from(
      fields.map(([name, value]) => `--${boundary}\r\n${disposition(name)}\r\n\r\n${value}\r\n`).join(''),
      'utf8',
    );
    if (input.file === undefined || validated.fileType === undefined || validated.fileSize === undefined) {
      const body = Buffer.concat([head, Buffer.from(`--${boundary}--\r\n`)]);
      return { body, contentLength: body.length, contentType: `multipart/form-data; boundary=${boundary}` };
    }
    const fileHead = Buffer.from(
      `--${boundary}\r\n${disposition('audio_data', basename(input.file))}\r\n` +
        `Content-Type: ${AUDIO_CONTENT_TYPES[validated.fileType]}\r\n\r\n`,
      'utf8',
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
    const prefix = Buffer.concat([head, fileHead]);
    const totalBytes = validated.fileSize;
    const stream = fileStream(input.file, totalBytes, prefix, tail, {
      onActivity,
      onFileBytes: (sentBytes) => input.onProgress?.({ sentBytes, totalBytes }),
    });
    return {
      body: stream,
      contentLength: prefix.length + totalBytes + tail.length,
      contentType: `multipart/form-data; boundary=${boundary}`,
    };
  };
}

/** Form fields in the documented names; only what the caller set (the server has defaults). */
export function audioEditFields(input: AudioEditInput): [string, string][] {
  const fields: [string, string][] = [];
  if (input.id !== undefined) fields.push(['id', String(input.id)]);
  fields.push(['title', input.title]);
  if (input.artist !== undefined) fields.push(['artist', input.artist]);
  if (input.playlistIds !== undefined) fields.push(['audio_playlist_id', input.playlistIds.join(',')]);
  if (input.description !== undefined) fields.push(['description', input.description]);
  for (const [key, name] of BOOLEAN_FIELDS) {
    const value = input[key];
    if (value !== undefined) fields.push([name, value ? '1' : '0']);
  }
  for (const [key, name] of QUALITY_FIELDS) {
    const value = input[key];
    if (value !== undefined) fields.push([name, String(value)]);
  }
  if (input.price !== undefined) fields.push(['price', String(input.price)]);
  return fields;
}

/**
 * prefix, then the file in UPLOAD_CHUNK_BYTES reads pulled on demand (the
 * connection's back-pressure decides when the next read happens), then tail.
 */
function fileStream(
  path: string,
  expectedSize: number,
  prefix: Uint8Array,
  tail: Uint8Array,
  events: { onActivity: () => void; onFileBytes: (sentBytes: number) => void },
): ReadableStream<Uint8Array> {
  let stage: 'prefix' | 'file' | 'tail' = 'prefix';
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  let position = 0;
  const closeFile = async () => {
    const h = handle;
    handle = undefined;
    await h?.close().catch(() => undefined);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // Every pull means the connection took more bytes: the upload is alive.
        events.onActivity();
        try {
          if (stage === 'prefix') {
            handle = await open(path, 'r');
            stage = 'file';
            controller.enqueue(prefix);
            return;
          }
          if (stage === 'file' && handle) {
            const chunk = Buffer.allocUnsafe(UPLOAD_CHUNK_BYTES);
            const { bytesRead } = await handle.read(chunk, 0, UPLOAD_CHUNK_BYTES, position);
            if (bytesRead > 0 && position + bytesRead <= expectedSize) {
              position += bytesRead;
              controller.enqueue(chunk.subarray(0, bytesRead));
              events.onFileBytes(position);
              return;
            }
            await closeFile();
            if (position !== expectedSize || bytesRead > 0) {
              throw new Error(`${basename(path)} changed size while uploading (expected ${expectedSize} bytes)`);
            }
            stage = 'tail';
          }
          controller.enqueue(tail);
          controller.close();
        } catch (error) {
          await closeFile();
          controller.error(error);
        }
      },
      async cancel() {
        await closeFile();
      },
    },
    { highWaterMark: 1 },
  );
}

function disposition(name: string, filename?: string): string {
  const file = filename === undefined ? '' : `; filename="${escapeQuoted(filename)}"`;
  return `Content-Disposition: form-data; name="${escapeQuoted(name)}"${file}`;
}

/** The HTML form-data escaping of quoted header parameters. */
function escapeQuoted(value: string): string {
  return value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function characterCount(value: string): number {
  return [...value].length;
}

function formatBytes(bytes: number): string {
  return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
}
