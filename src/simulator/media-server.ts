/**
 * The media origin (a stand-in for StageBloc's CDN): serves the demo JPEGs and
 * MP3s behind CDN-shaped paths, with Content-Type, Content-Length, ETag,
 * Cache-Control, HEAD, conditional GET and single byte ranges (206), which
 * browsers need to seek in audio.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { DEMO_REFERENCE_TIME } from './dates.js';
import { flatHeaders, queryRecord, sleep } from './http-io.js';
import { audioForId, DEMO_ASSETS_DIR, imageForId } from './media-manifest.js';
import { parseMediaPath } from './media-urls.js';
import type { RequestLogEntry } from './types.js';

interface MediaFile {
  body: Buffer;
  etag: string;
  contentType: string;
}

const LAST_MODIFIED = new Date(DEMO_REFERENCE_TIME).toUTCString();
const files = new Map<string, MediaFile>();

function loadFile(relative: string, contentType: string): MediaFile {
  let file = files.get(relative);
  if (!file) {
    const body = readFileSync(join(DEMO_ASSETS_DIR, relative));
    file = { body, etag: `"${createHash('sha1').update(body).digest('hex').slice(0, 24)}"`, contentType };
    files.set(relative, file);
  }
  return file;
}

export function resolveMedia(pathname: string): MediaFile | null {
  const ref = parseMediaPath(pathname);
  if (!ref) return null;
  if (ref.kind === 'image') return loadFile(imageForId(ref.id).sizes[ref.size].file, 'image/jpeg');
  return loadFile(audioForId(ref.id).files[ref.quality].file, 'audio/mpeg');
}

export interface MediaHandlerOptions {
  /** Delay before every answer, standing in for a CDN's round trip. Default 0. */
  latencyMs?: number;
  /** Aborted when the simulator closes, so delayed answers don't hold it open. */
  lifetime?: AbortSignal;
}

export function createMediaHandler(
  log: RequestLogEntry[],
  options: MediaHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  const latencyMs = options.latencyMs ?? 0;
  const lifetime = options.lifetime ?? new AbortController().signal;
  const answer = createMediaAnswer(log, latencyMs);
  if (latencyMs <= 0) return answer;
  return (req, res) => {
    void sleep(latencyMs, lifetime).then(() => {
      if (!res.destroyed && !lifetime.aborted) answer(req, res);
    });
  };
}

function createMediaAnswer(
  log: RequestLogEntry[],
  delayMs: number,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://media.invalid');
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint: url.pathname,
      format: null,
      query: queryRecord(url.searchParams),
      headers: flatHeaders(req),
      status: 0,
      bodyBytes: 0,
      delayMs,
    };
    log.push(entry);
    const send = (status: number, headers: Record<string, string>, body?: Buffer) => {
      entry.status = status;
      entry.bodyBytes = body && req.method !== 'HEAD' ? body.length : 0;
      res.writeHead(status, headers);
      res.end(body);
    };
    const text = (status: number, message: string, headers: Record<string, string> = {}) => {
      const body = Buffer.from(`${message}\n`);
      send(
        status,
        { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(body.length), ...headers },
        body,
      );
    };

    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    let file: MediaFile | null;
    try {
      file = resolveMedia(url.pathname);
    } catch {
      file = null;
    }
    if (!file) return text(404, 'Not found');

    const common = {
      'Content-Type': file.contentType,
      'Accept-Ranges': 'bytes',
      ETag: file.etag,
      'Last-Modified': LAST_MODIFIED,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Access-Control-Allow-Origin': '*',
    };
    const size = file.body.length;
    if (etagMatches(req.headers['if-none-match'], file.etag))
      return send(304, { ETag: file.etag, 'Cache-Control': common['Cache-Control'] });

    const rangeHeader = req.headers.range;
    const ifRange = req.headers['if-range'];
    if (rangeHeader && (!ifRange || ifRange === file.etag)) {
      const range = parseRange(rangeHeader, size);
      if (range === 'unsatisfiable') return text(416, 'Range not satisfiable', { 'Content-Range': `bytes */${size}` });
      if (range) {
        const body = file.body.subarray(range.start, range.end + 1);
        return send(
          206,
          {
            ...common,
            'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
            'Content-Length': String(body.length),
          },
          body,
        );
      }
    }
    send(200, { ...common, 'Content-Length': String(size) }, file.body);
  };
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.trim() === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * One `bytes=` range → inclusive offsets. Multiple ranges are answered with the
 * whole file (allowed by RFC 9110); a syntactically odd header is ignored.
 */
export function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  let start: number;
  let end: number;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(first);
    end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
    if (last !== '' && Number(last) < start) return null;
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}
