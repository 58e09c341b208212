/**
 * Test helpers: raw HTTP against the simulator, parsing responses with
 * JSON.parse and fast-xml-parser directly (not the client), so these tests
 * check the wire itself.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import type { Format } from '../../src/client/model.js';
import type { Simulator } from '../../src/simulator/index.js';

export const FORMATS: Format[] = ['json', 'xml'];

export type Item = Record<string, unknown>;

export interface ListResponse {
  status: number;
  total: number;
  items: Item[];
  /** The envelope's error message, when the response is an error. */
  error: string | null;
  contentType: string | null;
  raw: string;
}

const xml = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  isArray: (name) => name === 'item' || name === 'image',
});

/** GET `/2.0/<endpoint>.<format>?query` with the demo token (or `auth`), parsed. */
export async function list(
  sim: Simulator,
  endpoint: string,
  query: Record<string, string | number> = {},
  format: Format = 'json',
  auth: string | null = `OAuth ${sim.token}`,
): Promise<ListResponse> {
  const url = new URL(`${endpoint.replace(/^\//, '')}.${format}`, sim.apiUrl);
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, String(value));
  const res = await fetch(url, { headers: auth ? { Authorization: auth } : {} });
  return parseResponse(res.status, await res.text(), format, res.headers.get('content-type'));
}

export function parseResponse(
  status: number,
  raw: string,
  format: Format,
  contentType: string | null = null,
): ListResponse {
  const doc = format === 'json' ? parseJson(raw) : parseXml(raw);
  return { status, contentType, raw, ...doc };
}

function parseJson(raw: string): { total: number; items: Item[]; error: string | null } {
  const doc = JSON.parse(raw) as { response: unknown };
  if (Array.isArray(doc.response)) {
    const message = (doc.response[0] as { error?: { message?: string } }).error?.message;
    return { total: 0, items: [], error: message ?? '' };
  }
  const response = doc.response as { total: number; items: { item: Item }[] };
  expect(typeof response.total).toBe('number');
  return { total: response.total, items: response.items.map(unwrapJson), error: null };
}

/** `{"item": {...}}` and `{"image": {...}}` wrappers removed, recursively. */
function unwrapJson(wrapped: { item: Item } | Item): Item {
  const item = ('item' in wrapped ? wrapped.item : wrapped) as Item;
  const out: Item = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'images' && Array.isArray(value)) out[key] = value.map((v: { image: Item }) => v.image);
    else if (key === 'tracks' && Array.isArray(value)) out[key] = value.map((v: { item: Item }) => unwrapJson(v));
    else out[key] = value;
  }
  return out;
}

function parseXml(raw: string): { total: number; items: Item[]; error: string | null } {
  expect(XMLValidator.validate(raw), 'well-formed XML').toBe(true);
  const doc = xml.parse(raw) as {
    response: { total?: string; items?: { item?: Item[] } | ''; error?: { message: string } };
  };
  if (doc.response.error) return { total: 0, items: [], error: String(doc.response.error.message ?? '') };
  const items = doc.response.items === '' || doc.response.items === undefined ? [] : (doc.response.items.item ?? []);
  return { total: Number(doc.response.total), items: items.map(unwrapXml), error: null };
}

function unwrapXml(item: Item): Item {
  const out: Item = {};
  for (const [key, value] of Object.entries(item)) {
    if (key === 'images') out[key] = value === '' ? [] : ((value as { image: Item[] }).image ?? []);
    else if (key === 'tracks') out[key] = value === '' ? [] : ((value as { item: Item[] }).item ?? []).map(unwrapXml);
    else out[key] = value;
  }
  return out;
}

export const ids = (items: Item[]): number[] => items.map((i) => Number(i.id));

/** Every page of a list endpoint walked with limit/offset. */
export async function walk(
  sim: Simulator,
  endpoint: string,
  query: Record<string, string | number>,
  format: Format,
  pageSize: number,
): Promise<Item[]> {
  const out: Item[] = [];
  for (let offset = 0; ; offset += pageSize) {
    const page = await list(sim, endpoint, { ...query, limit: pageSize, offset }, format);
    expect(page.status).toBe(200);
    out.push(...page.items);
    if (page.items.length === 0 || out.length >= page.total) return out;
  }
}

/** A PCM WAV file of `seconds` of silence-ish tone. */
export function makeWav(seconds: number, sampleRate = 8000, channels = 1): Buffer {
  const bytesPerSample = 2;
  const dataBytes = Math.round(seconds * sampleRate) * channels * bytesPerSample;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write('RIFF', 0, 'latin1');
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write('WAVE', 8, 'latin1');
  buf.write('fmt ', 12, 'latin1');
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * channels * bytesPerSample, 28);
  buf.writeUInt16LE(channels * bytesPerSample, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36, 'latin1');
  buf.writeUInt32LE(dataBytes, 40);
  for (let i = 0; i < dataBytes / 2; i++) buf.writeInt16LE(Math.round(Math.sin(i / 8) * 3000), 44 + i * 2);
  return buf;
}

/** An AIFF file of `seconds` (16-bit mono), sample rate as an 80-bit extended float. */
export function makeAiff(seconds: number, sampleRate = 8000): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const soundBytes = frames * 2;
  const buf = Buffer.alloc(12 + 26 + 16 + soundBytes);
  buf.write('FORM', 0, 'latin1');
  buf.writeUInt32BE(buf.length - 8, 4);
  buf.write('AIFF', 8, 'latin1');
  buf.write('COMM', 12, 'latin1');
  buf.writeUInt32BE(18, 16);
  buf.writeUInt16BE(1, 20);
  buf.writeUInt32BE(frames, 22);
  buf.writeUInt16BE(16, 26);
  writeExtended80(buf, 28, sampleRate);
  buf.write('SSND', 38, 'latin1');
  buf.writeUInt32BE(8 + soundBytes, 42);
  return buf;
}

function writeExtended80(buf: Buffer, at: number, value: number): void {
  const exponent = Math.floor(Math.log2(value));
  const mantissa = value / 2 ** exponent; // [1, 2)
  buf.writeUInt16BE(exponent + 16383, at);
  const hi = Math.floor(mantissa * 2 ** 31);
  buf.writeUInt32BE(hi, at + 2);
  buf.writeUInt32BE(Math.floor((mantissa * 2 ** 31 - hi) * 2 ** 32), at + 6);
}

/** A multipart/form-data body built by hand (so tests control every byte). */
export function multipart(
  parts: { name: string; value: string | Buffer; filename?: string; type?: string }[],
  boundary = '----simtest7MA4YWxkTrZu0gW',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"`;
    if (part.filename !== undefined) head += `; filename="${part.filename}"`;
    head += '\r\n';
    if (part.type) head += `Content-Type: ${part.type}\r\n`;
    chunks.push(
      Buffer.from(`${head}\r\n`),
      Buffer.isBuffer(part.value) ? part.value : Buffer.from(part.value),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
