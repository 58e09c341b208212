/**
 * Format decoding: response bodies in, format-independent raw records out
 * (still snake_case and loosely typed; see normalize.ts for the model types).
 * Every failure is a StageBloc* error: the API's error envelope (checked on
 * every status, 200 included), a rejected token, an HTTP failure, or a parse
 * error naming the endpoint.
 */
import type { Format } from '../model.js';
import { decodeJsonList } from './json.js';
import type { ListShape, RawList } from './raw.js';
import { decodeXmlList } from './xml.js';

export { decodeJsonObject } from './json.js';
export type { ListShape, RawList, RawRecord, RawValue } from './raw.js';

export function decodeList(
  body: string,
  format: Format,
  endpoint: string,
  status: number,
  shape: ListShape = {},
): RawList {
  return format === 'json'
    ? decodeJsonList(body, endpoint, status, shape)
    : decodeXmlList(body, endpoint, status, shape);
}
