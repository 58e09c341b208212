/**
 * Real audio files for upload tests, generated on the fly: 16-bit PCM WAV,
 * AIFF and AIFF-C holding a short sine tone, plus sparse "huge" files and an
 * MP3-looking file for the wrong-type cases. Shared by the client and CLI tests.
 */
import { mkdtemp, open, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ToneOptions {
  seconds?: number;
  sampleRate?: number;
  channels?: number;
  frequency?: number;
}

const DEFAULT_TONE = { seconds: 0.25, sampleRate: 8000, channels: 1, frequency: 440 } as const;

/** Interleaved 16-bit samples of a sine at half amplitude. */
function toneSamples(o: ToneOptions): { frames: number; channels: number; sampleRate: number; samples: Int16Array } {
  const { seconds, sampleRate, channels, frequency } = { ...DEFAULT_TONE, ...o };
  const frames = Math.max(1, Math.round(seconds * sampleRate));
  const samples = new Int16Array(frames * channels);
  for (let frame = 0; frame < frames; frame++) {
    const value = Math.round(Math.sin((2 * Math.PI * frequency * frame) / sampleRate) * 0x3fff);
    for (let c = 0; c < channels; c++) samples[frame * channels + c] = value;
  }
  return { frames, channels, sampleRate, samples };
}

/** A complete RIFF/WAVE file (PCM, 16-bit, little-endian). */
export function wavBytes(o: ToneOptions = {}): Buffer {
  const { channels, sampleRate, samples } = toneSamples(o);
  return Buffer.concat([wavHeader(samples.length * 2, channels, sampleRate), pcm16(samples, 'le')]);
}

/** The 44-byte header of a PCM WAV whose data chunk is `dataBytes` long. */
export function wavHeader(dataBytes: number, channels = 1, sampleRate = 8000): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** A complete FORM/AIFF file (or FORM/AIFC with compression type NONE), 16-bit big-endian. */
export function aiffBytes(o: ToneOptions & { aifc?: boolean } = {}): Buffer {
  const { frames, channels, sampleRate, samples } = toneSamples(o);
  const data = pcm16(samples, 'be');
  const chunks: Buffer[] = [];
  if (o.aifc) {
    const fver = Buffer.alloc(12);
    fver.write('FVER', 0, 'ascii');
    fver.writeUInt32BE(4, 4);
    fver.writeUInt32BE(0xa2805140, 8); // AIFC version 1
    chunks.push(fver);
  }
  const compressionName = o.aifc ? pascalString('not compressed') : Buffer.alloc(0);
  const commBody = Buffer.alloc(18 + (o.aifc ? 4 : 0));
  commBody.writeUInt16BE(channels, 0);
  commBody.writeUInt32BE(frames, 2);
  commBody.writeUInt16BE(16, 6);
  extended80(sampleRate).copy(commBody, 8);
  if (o.aifc) commBody.write('NONE', 18, 'ascii');
  chunks.push(chunk('COMM', Buffer.concat([commBody, compressionName])));
  const ssndPrefix = Buffer.alloc(8); // offset 0, block size 0
  chunks.push(chunk('SSND', Buffer.concat([ssndPrefix, data])));
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(12);
  head.write('FORM', 0, 'ascii');
  head.writeUInt32BE(4 + body.length, 4);
  head.write(o.aifc ? 'AIFC' : 'AIFF', 8, 'ascii');
  return Buffer.concat([head, body]);
}

/** The first bytes of an MP3 (ID3v2 tag then an MPEG frame header): not WAV/AIFF whatever the name. */
export function mp3Bytes(): Buffer {
  const id3 = Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  return Buffer.concat([id3, frame]);
}

export async function makeTempDir(prefix = 'stagebloc-audio-'): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeWav(path: string, o: ToneOptions = {}): Promise<string> {
  await writeFile(path, wavBytes(o));
  return path;
}

export async function writeAiff(path: string, o: ToneOptions & { aifc?: boolean } = {}): Promise<string> {
  await writeFile(path, aiffBytes(o));
  return path;
}

/**
 * A WAV of exactly `totalBytes` whose audio is a sparse hole of silence:
 * instant to create, takes no disk, and reads back as zeros.
 */
export async function writeSparseWav(path: string, totalBytes: number): Promise<string> {
  const handle = await open(path, 'w');
  try {
    await handle.write(wavHeader(Math.max(0, totalBytes - 44)), 0, 44, 0);
  } finally {
    await handle.close();
  }
  await truncate(path, totalBytes);
  return path;
}

function pcm16(samples: Int16Array, endian: 'le' | 'be'): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    const value = samples[i] ?? 0;
    if (endian === 'le') out.writeInt16LE(value, i * 2);
    else out.writeInt16BE(value, i * 2);
  }
  return out;
}

function chunk(id: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.write(id, 0, 'ascii');
  head.writeUInt32BE(body.length, 4);
  // Chunks are padded to an even length; the pad byte is not counted in the size.
  return Buffer.concat([head, body, body.length % 2 === 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function pascalString(text: string): Buffer {
  const bytes = Buffer.from(text, 'ascii');
  const out = Buffer.alloc(1 + bytes.length + ((1 + bytes.length) % 2));
  out.writeUInt8(bytes.length, 0);
  bytes.copy(out, 1);
  return out;
}

/** IEEE 754 80-bit extended, as AIFF stores the sample rate (positive integers suffice here). */
function extended80(value: number): Buffer {
  const out = Buffer.alloc(10);
  if (value <= 0) return out;
  const exponent = Math.floor(Math.log2(value));
  out.writeUInt16BE(16383 + exponent, 0);
  const mantissa = BigInt(Math.round(value * 2 ** (63 - exponent)));
  out.writeBigUInt64BE(mantissa, 2);
  return out;
}
