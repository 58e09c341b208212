/**
 * The streaming multipart parser under arbitrary chunking (fast-check), and
 * the WAV/AIFF header reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audioDurationSeconds, readExtended80, sniffAudio } from '../../src/simulator/audio-header.js';
import { boundaryFrom, createMultipartParser } from '../../src/simulator/multipart.js';
import { makeAiff, makeWav, multipart } from './helpers.js';

type Parsed = { fields: [string, string][]; files: [string, Buffer][] };

function parse(body: Buffer, boundary: string, cuts: number[]): Parsed {
  const out: Parsed = { fields: [], files: [] };
  let current: { name: string; chunks: Buffer[] } | null = null;
  const parser = createMultipartParser(
    boundary,
    {
      partStart: (part) => {
        if (part.filename === null) return 'field';
        current = { name: part.name, chunks: [] };
        return 'stream';
      },
      data: (chunk) => current!.chunks.push(Buffer.from(chunk)),
      partEnd: () => {
        out.files.push([current!.name, Buffer.concat(current!.chunks)]);
        current = null;
      },
      field: (name, value) => out.fields.push([name, value]),
    },
    { maxFieldBytes: 1 << 20 },
  );
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.write(body.subarray(at, cut));
    at = cut;
  }
  parser.write(body.subarray(at));
  parser.end();
  return out;
}

describe('multipart parser', () => {
  const boundary = 'xXx-bound-42';
  // Content that looks a lot like the delimiter, to catch off-by-one tails.
  const tricky = fc.oneof(
    fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
    fc
      .array(
        fc.constantFrom('\r', '\n', '-', '--', `--${boundary}`.slice(0, 7), 'x', `\r\n--${boundary.slice(0, 5)}`),
        { maxLength: 40 },
      )
      .map((parts) => Buffer.from(parts.join(''))),
  );

  it('recovers every field and file byte for byte, however the body is chunked', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: fc.stringMatching(/^[a-z_]{1,12}$/),
            text: fc.string({ maxLength: 50 }).filter((s) => !s.includes('\r\n--')),
            file: fc.option(tricky, { nil: undefined }),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        fc.array(fc.nat(), { maxLength: 12 }),
        (parts, rawCuts) => {
          const spec = parts.map((p) =>
            p.file ? { name: p.name, value: p.file, filename: 'f.bin' } : { name: p.name, value: p.text },
          );
          const { body } = multipart(spec, boundary);
          const cuts = rawCuts.map((c) => c % (body.length + 1));
          const parsed = parse(body, boundary, cuts);
          expect(parsed.fields).toEqual(parts.filter((p) => !p.file).map((p) => [p.name, p.text]));
          expect(parsed.files).toEqual(parts.filter((p) => p.file).map((p) => [p.name, p.file]));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('feeding one byte at a time works', () => {
    const { body } = multipart(
      [
        { name: 'title', value: 'héllo' },
        { name: 'audio_data', value: makeWav(0.1), filename: 'a.wav' },
      ],
      boundary,
    );
    const parsed = parse(
      body,
      boundary,
      Array.from({ length: body.length }, (_, i) => i),
    );
    expect(parsed.fields).toEqual([['title', 'héllo']]);
    expect(parsed.files[0]![1]).toEqual(makeWav(0.1));
  });

  it('rejects a body without its closing boundary', () => {
    const { body } = multipart([{ name: 'title', value: 'x' }], boundary);
    expect(() => parse(body.subarray(0, body.length - 10), boundary, [])).toThrow(/closing boundary/);
  });

  it('reads the boundary from Content-Type, quoted or not', () => {
    expect(boundaryFrom('multipart/form-data; boundary=abc')).toBe('abc');
    expect(boundaryFrom('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryFrom('application/json')).toBeNull();
    expect(boundaryFrom(undefined)).toBeNull();
  });
});

describe('audio headers', () => {
  it('sniffs WAV and AIFF by content, nothing else', () => {
    expect(sniffAudio(makeWav(0.1))).toBe('wav');
    expect(sniffAudio(makeAiff(0.1))).toBe('aiff');
    expect(sniffAudio(Buffer.from('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00'))).toBeNull();
    expect(sniffAudio(Buffer.from('RIFF\x00\x00\x00\x00AVI '))).toBeNull();
    expect(sniffAudio(Buffer.alloc(4))).toBeNull();
  });

  it('reads durations from WAV and AIFF headers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.constantFrom(8000, 11025, 22050, 44100), (seconds, rate) => {
        const wav = makeWav(seconds, rate);
        expect(audioDurationSeconds(wav, wav.length)).toBe(seconds);
        const aiff = makeAiff(seconds, rate);
        expect(audioDurationSeconds(aiff, aiff.length)).toBe(seconds);
      }),
      { numRuns: 20 },
    );
  });

  it('decodes 80-bit extended sample rates', () => {
    const aiff = makeAiff(0.01, 44100);
    expect(readExtended80(aiff, 28)).toBe(44100);
  });

  it('falls back to the uploaded size for streamed WAVs with no data size', () => {
    const wav = makeWav(2);
    wav.writeUInt32LE(0xffffffff, 40);
    expect(audioDurationSeconds(wav, wav.length)).toBe(2);
  });
});
