/**
 * Identifies an audio container from its first bytes, not its file name:
 * WAV is `RIFF<size>WAVE`, AIFF is `FORM<size>AIFF` (or `AIFC`, compressed AIFF).
 */
import { open } from 'node:fs/promises';

export type AudioFileType = 'wav' | 'aiff';

export const AUDIO_CONTENT_TYPES: Readonly<Record<AudioFileType, string>> = {
  wav: 'audio/wav',
  aiff: 'audio/aiff',
};

/** How many leading bytes `sniffAudioHeader` needs. */
export const SNIFF_BYTES = 12;

export function sniffAudioHeader(header: Uint8Array): AudioFileType | undefined {
  if (header.length < SNIFF_BYTES) return undefined;
  const ascii = (start: number, end: number) => String.fromCharCode(...header.subarray(start, end));
  const container = ascii(0, 4);
  const form = ascii(8, 12);
  if (container === 'RIFF' && form === 'WAVE') return 'wav';
  if (container === 'FORM' && (form === 'AIFF' || form === 'AIFC')) return 'aiff';
  return undefined;
}

/** Reads only the first bytes of the file. */
export async function sniffAudioFile(path: string): Promise<AudioFileType | undefined> {
  const handle = await open(path, 'r');
  try {
    const header = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(header, 0, SNIFF_BYTES, 0);
    return sniffAudioHeader(header.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
