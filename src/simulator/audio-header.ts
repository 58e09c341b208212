/**
 * Recognizes WAV and AIFF uploads by their header bytes (never the file name)
 * and reads their duration from the header, as StageBloc's encoder would.
 */

export type UploadAudioKind = 'wav' | 'aiff';

/** Bytes of the upload to keep for sniffing and duration: enough for any sane header. */
export const AUDIO_HEADER_BYTES = 64 * 1024;

export function sniffAudio(head: Buffer): UploadAudioKind | null {
  if (head.length < 12) return null;
  const magic = head.toString('latin1', 0, 4);
  const form = head.toString('latin1', 8, 12);
  if ((magic === 'RIFF' || magic === 'RF64') && form === 'WAVE') return 'wav';
  if (magic === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return 'aiff';
  return null;
}

/** Whole seconds of audio, or null when the header does not say. */
export function audioDurationSeconds(head: Buffer, totalBytes: number): number | null {
  const kind = sniffAudio(head);
  const seconds = kind === 'wav' ? wavSeconds(head, totalBytes) : kind === 'aiff' ? aiffSeconds(head) : null;
  return seconds === null || !Number.isFinite(seconds) || seconds < 0 ? null : Math.round(seconds);
}

function wavSeconds(head: Buffer, totalBytes: number): number | null {
  let byteRate: number | null = null;
  for (let at = 12; at + 8 <= head.length; ) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32LE(at + 4);
    if (id === 'fmt ' && at + 16 <= head.length) {
      byteRate = head.readUInt32LE(at + 8 + 8);
    } else if (id === 'data') {
      if (!byteRate) return null;
      // Streamed WAVs leave the size at 0 or 0xFFFFFFFF; fall back to what was uploaded.
      const available = totalBytes - (at + 8);
      const dataBytes = size === 0 || size === 0xffffffff || size > available ? available : size;
      return dataBytes / byteRate;
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

function aiffSeconds(head: Buffer): number | null {
  for (let at = 12; at + 8 <= head.length; ) {
    const id = head.toString('latin1', at, at + 4);
    const size = head.readUInt32BE(at + 4);
    if (id === 'COMM' && at + 8 + 18 <= head.length) {
      const frames = head.readUInt32BE(at + 8 + 2);
      const rate = readExtended80(head, at + 8 + 8);
      return rate > 0 ? frames / rate : null;
    }
    at += 8 + size + (size % 2);
  }
  return null;
}

/** IEEE 754 80-bit extended precision (AIFF's sample rate), big-endian. */
export function readExtended80(buf: Buffer, at: number): number {
  const exponent = buf.readUInt16BE(at) & 0x7fff;
  const sign = buf[at]! & 0x80 ? -1 : 1;
  const hi = buf.readUInt32BE(at + 2);
  const lo = buf.readUInt32BE(at + 6);
  if (exponent === 0 && hi === 0 && lo === 0) return 0;
  return sign * (hi * 2 ** (exponent - 16383 - 31) + lo * 2 ** (exponent - 16383 - 63));
}
