/**
 * Image dimensions without downloading whole images: the API gives no width/height, and
 * pages need them to avoid layout shift. Reads only the first bytes (a Range request),
 * which is all the header parsers need for JPEG/PNG/GIF/WebP/AVIF.
 */
import { httpRequest } from '../../http/request.js';

export interface Dimensions {
  width: number;
  height: number;
}

// Loaded on first use (once): builds whose image sizes are all cached never need it.
let metadataModule: Promise<typeof import('astro/assets/utils')> | undefined;

/** Dimensions from the start of an image file, or null when the bytes don't tell. */
export async function dimensionsFromBytes(bytes: Uint8Array): Promise<Dimensions | null> {
  try {
    const { imageMetadata } = await (metadataModule ??= import('astro/assets/utils'));
    const meta = await imageMetadata(bytes);
    if (meta.width > 0 && meta.height > 0) {
      // EXIF orientations 5-8 rotate by 90 degrees: the displayed box is transposed.
      const rotated = typeof meta.orientation === 'number' && meta.orientation >= 5;
      return rotated ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
    }
  } catch {
    // Not enough bytes or not an image: the caller decides what a missing size means.
  }
  return null;
}

/**
 * Bytes asked for first. Header parsers need a few hundred bytes for images resized by a
 * CDN; a camera original with a large EXIF block (thumbnail, maker notes) can push the
 * size marker further, which the fallback below covers. Small enough that the response
 * is read to its end, so the connection goes back to the keep-alive pool instead of
 * being torn down by a cancelled body (a new TCP/TLS handshake per image otherwise).
 */
const FIRST_PROBE_BYTES = 16 * 1024;
/** Where the old single probe stopped: images whose size is not in here publish without it. */
const HEADER_BYTES = 64 * 1024;

/** Fetches just enough of a remote image to read its dimensions. Sends no credentials. */
export async function measureRemoteImage(url: string, timeoutMs = 15_000): Promise<Dimensions | null> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const first = await fetchHead(url, FIRST_PROBE_BYTES, timeoutMs);
  const dims = await dimensionsFromBytes(first.bytes);
  if (dims || first.complete) return dims;
  const more = await fetchHead(url, HEADER_BYTES, timeoutMs);
  return dimensionsFromBytes(more.bytes);
}

const MAX_REDIRECTS = 5;
/** Connecting (DNS, TCP, TLS) to the media host for a probe. */
export const PROBE_CONNECT_TIMEOUT_MS = 5_000;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * The first `limit` bytes of `url` (a Range request), following redirects. `complete`
 * says the file has no more bytes than that. A server that ignores Range is read only up
 * to `limit` (and that connection is closed).
 */
async function fetchHead(
  url: string,
  limit: number,
  timeoutMs: number,
): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let target = new URL(url);
  for (let redirects = 0; ; redirects++) {
    const answer = await readHead(target, limit, Math.max(1, deadline - Date.now()));
    if (answer.kind === 'bytes') return answer;
    if (redirects >= MAX_REDIRECTS) throw new Error(`Too many redirects for ${target.origin}${target.pathname}`);
    const next = new URL(answer.location, target);
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      throw new Error(`Redirect to ${next.protocol} for ${target.origin}${target.pathname}`);
    target = next;
  }
}

type HeadAnswer = { kind: 'bytes'; bytes: Uint8Array; complete: boolean } | { kind: 'redirect'; location: string };

async function readHead(url: URL, limit: number, timeoutMs: number): Promise<HeadAnswer> {
  const where = `${url.origin}${url.pathname}`;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  let refused: Error | undefined;
  try {
    // Not decoded: Range offsets are those of the bytes as sent.
    const response = await httpRequest(url, {
      headers: { range: `bytes=0-${limit - 1}` },
      signal: timeout.signal,
      decode: false,
      // A CDN connects in well under a second; a host that does not should fail its probes soon.
      connectTimeoutMs: PROBE_CONNECT_TIMEOUT_MS,
    });
    const status = response.statusCode;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && typeof location === 'string') {
      await response.body.dump();
      return { kind: 'redirect', location };
    }
    if (status < 200 || status > 299) {
      await response.body.dump();
      throw (refused = new Error(`HTTP ${status} for ${where}`));
    }
    const total = totalSize(status, response.headers);
    const chunks: Buffer[] = [];
    let length = 0;
    let ended = true;
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      // More than asked for: the server ignored Range. Stop reading (this connection is not reused).
      if (length > limit) {
        ended = false;
        response.body.destroy();
        break;
      }
    }
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
    const complete = total !== null ? total <= limit : ended && status === 200;
    return { kind: 'bytes', bytes: bytes.subarray(0, Math.min(length, limit)), complete };
  } catch (error) {
    // The cause keeps the error code: host-gate.ts tells an unreachable host by it.
    if (timeout.signal.aborted)
      throw Object.assign(new Error(`Timed out after ${timeoutMs} ms reading ${where}`), { code: 'ETIMEDOUT' });
    if (error === refused) throw error;
    if ((error as { code?: string }).code === 'UND_ERR_SOCKET')
      throw new Error(`The connection closed before the end of ${where}`, { cause: error });
    throw new Error(`Reading ${where} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

type Headers = Record<string, string | string[] | undefined>;

/** The whole file's size from Content-Range (206) or Content-Length (200), when given. */
function totalSize(status: number, headers: Headers): number | null {
  const range = headers['content-range'];
  if (status === 206 && typeof range === 'string') {
    const total = /\/(\d+)\s*$/.exec(range)?.[1];
    return total ? Number(total) : null;
  }
  if (status === 200) {
    const length = headers['content-length'];
    return typeof length === 'string' && /^\d+$/.test(length) ? Number(length) : null;
  }
  return null;
}
