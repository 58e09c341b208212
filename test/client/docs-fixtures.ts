/** The API docs' example payloads in test/fixtures/docs/, read and normalized as the client reads them. */
import { readFileSync } from 'node:fs';
import { decodeList } from '../../src/client/decode/index.js';
import type { Format, ImageSet } from '../../src/client/model.js';
import { normalizeList, type Normalizer } from '../../src/client/normalize.js';

const FIXTURES = new URL('../fixtures/docs/', import.meta.url);

export const fixture = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

export const FORMATS: Format[] = ['json', 'xml'];

export function load<T>(name: string, format: Format, endpoint: string, normalize: Normalizer<T>) {
  return normalizeList(decodeList(fixture(`${name}.${format}`), format, endpoint, 200), normalize, endpoint);
}

/** A docs date (UTC) as a Date. */
export const utc = (iso: string): Date => new Date(`${iso}Z`);

/** The five sizes the docs' examples list, for a photo key like `PZ`, a file stem and the account in the path. */
export function docsImages(shortKey: string, stem: string, account = 1): ImageSet {
  const letter = { thumbnail: 't', small: 's', medium: 'm', large: 'l', original: 'o' } as const;
  const set: ImageSet = {};
  for (const size of ['thumbnail', 'small', 'medium', 'large', 'original'] as const) {
    set[size] = {
      url: `http://cdn.stagebloc.com/production/photos/${account}/${size}/${stem}.jpeg`,
      shortUrl: `http://stgb.lc/p/${shortKey}/${letter[size]}`,
    };
  }
  return set;
}
