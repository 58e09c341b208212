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

const HEADER_BYTES = 64 * 1024;

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

/** Fetches just enough of a remote image to read its dimensions. Sends no credentials. */
export async function measureRemoteImage(url: string, timeoutMs = 15_000): Promise<Dimensions | null> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const response = await fetch(url, {
    headers: { range: `bytes=0-${HEADER_BYTES - 1}` },
    redirect: 'follow',
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} for ${parsed.origin}${parsed.pathname}`);
  const reader = response.body.getReader();
  let buffer = new Uint8Array(0);
  try {
    while (buffer.length < HEADER_BYTES) {
      const { done, value } = await reader.read();
      if (done || !value) break;
      const next = new Uint8Array(buffer.length + value.length);
      next.set(buffer);
      next.set(value, buffer.length);
      buffer = next;
      const dims = await dimensionsFromBytes(buffer);
      if (dims) return dims;
    }
    return await dimensionsFromBytes(buffer);
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
