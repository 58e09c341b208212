/**
 * Image dimensions without downloading whole images: the API gives no width/height, and
 * pages need them to avoid layout shift. Reads only the first bytes (a Range request),
 * which is all the header parsers need for JPEG/PNG/GIF/WebP/AVIF.
 */
import { imageMetadata } from 'astro/assets/utils';

export interface Dimensions {
  width: number;
  height: number;
}

/** Dimensions from the start of an image file, or null when the bytes don't tell. */
export async function dimensionsFromBytes(bytes: Uint8Array): Promise<Dimensions | null> {
  try {
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

/**
 * The first `limit` bytes of `url` (a Range request). `complete` says the file has no
 * more bytes than that. A server that ignores Range is read only up to `limit`.
 */
async function fetchHead(url: string, limit: number, timeoutMs: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  // A timer cleared when done rather than AbortSignal.timeout(): that one stays armed for
  // the whole timeout, keeping each finished request's abort listeners (and what they
  // reach) alive until then, thousands of them when probes run fast.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The probe timed out', 'TimeoutError')), timeoutMs);
  try {
    return await readHead(url, limit, controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

async function readHead(url: string, limit: number, signal: AbortSignal): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const response = await fetch(url, { headers: { range: `bytes=0-${limit - 1}` }, redirect: 'follow', signal });
  if (!response.ok || !response.body) {
    await response.body?.cancel().catch(() => undefined);
    const parsed = new URL(url);
    throw new Error(`HTTP ${response.status} for ${parsed.origin}${parsed.pathname}`);
  }
  const total = totalSize(response);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let ended = false;
  try {
    // Reads to the end of a ranged answer (so the connection is reused); stops early only
    // when the server sends more than asked for.
    while (length <= limit) {
      const { done, value } = await reader.read();
      if (done || !value) {
        ended = true;
        break;
      }
      chunks.push(value);
      length += value.length;
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks, length);
  const complete = total !== null ? total <= limit : ended && response.status === 200;
  return { bytes: bytes.subarray(0, Math.min(length, limit)), complete };
}

/** The whole file's size from Content-Range (206) or Content-Length (200), when given. */
function totalSize(response: Response): number | null {
  const range = response.headers.get('content-range');
  if (response.status === 206 && range) {
    const total = /\/(\d+)\s*$/.exec(range)?.[1];
    return total ? Number(total) : null;
  }
  if (response.status === 200) {
    const length = response.headers.get('content-length');
    return length && /^\d+$/.test(length) ? Number(length) : null;
  }
  return null;
}
