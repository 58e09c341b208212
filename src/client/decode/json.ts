/**
 * JSON documents as the StageBloc API writes them:
 * `{"response":{"total":N,"items":[{"item":{…}}]}}`, errors as
 * `{"response":[{"error":{"message":"…"}}]}` (or, from the 2013 server,
 * `{"response":{"errors":["…"]}}`). Lists are read as raw.ts's LIST_KEYS says.
 */
import { StageBlocParseError } from '../errors.js';
import {
  LIST_KEYS,
  apiFailure,
  envelopeMessages,
  hasOwn,
  httpFailure,
  isPlainObject,
  isSuccessStatus,
  joinApiMessages,
  memberWrappers,
  parseCount,
  type ListShape,
  type RawList,
  type RawRecord,
  type RawValue,
} from './raw.js';

export function decodeJsonList(body: string, endpoint: string, status: number, shape: ListShape = {}): RawList {
  const doc = parseJsonDocument(body, endpoint, status);
  // /oauth2/token/info's example wraps its one object in an array, as error envelopes are.
  const outer = isPlainObject(doc) ? doc['response'] : undefined;
  const response = shape.totalOptional && Array.isArray(outer) && outer.length === 1 ? outer[0] : outer;
  if (!isPlainObject(response)) {
    throw shapeError('expected an object with a "response" object', endpoint);
  }
  const counted = parseCount(response['total']);
  if (counted === undefined && !(shape.totalOptional && response['total'] === undefined)) {
    throw shapeError('"response.total" is missing or not a count', endpoint);
  }
  const total = counted ?? 0;
  const items = response['items'];
  if (items === null) return { format: 'json', total, items: [] };
  if (!isPlainObject(items) && !Array.isArray(items)) throw shapeError('"response.items" is not a list', endpoint);
  const records = listMembers('items', items, endpoint);
  return { format: 'json', total: counted ?? records.length, items: records };
}

/** A JSON object answer such as /oauth2/token's; the error envelope and status are checked as for lists. */
export function decodeJsonObject(body: string, endpoint: string, status = 200): Record<string, unknown> {
  const doc = parseJsonDocument(body, endpoint, status);
  if (!isPlainObject(doc)) throw shapeError('expected a JSON object', endpoint);
  return doc;
}

/** JSON.parse, then the error envelope and the HTTP status, in that order. */
function parseJsonDocument(body: string, endpoint: string, status: number): unknown {
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (error) {
    if (!isSuccessStatus(status)) throw httpFailure(endpoint, status);
    // V8's message quotes part of the body, which for /oauth2/token holds the
    // access token: report only where parsing stopped.
    const position = error instanceof Error ? /at position (\d+)/.exec(error.message)?.[1] : undefined;
    const where = position !== undefined ? ` at position ${position}` : body.trim() === '' ? ' (empty body)' : '';
    throw new StageBlocParseError(`not valid JSON${where}`, endpoint, 'json');
  }
  const apiMessage = jsonErrorMessage(doc);
  if (apiMessage !== undefined) throw apiFailure(apiMessage, endpoint, status);
  if (!isSuccessStatus(status)) throw httpFailure(endpoint, status);
  return doc;
}

/**
 * The documented `{"response":[{"error":{"message"}}]}`, also without the array, and the
 * 2013 server's `{"response":{"errors":["message", …]}}` (an empty `errors` is no error).
 */
function jsonErrorMessage(doc: unknown): string | undefined {
  if (!isPlainObject(doc)) return undefined;
  const response = doc['response'];
  const entries = Array.isArray(response) ? response : [response];
  const messages: string[] = [];
  let sawError = false;
  for (const entry of entries) {
    if (!isPlainObject(entry)) continue;
    for (const key of ['error', 'errors']) {
      if (!hasOwn(entry, key)) continue;
      if (key === 'errors' && isEmpty(entry[key])) continue;
      sawError = true;
      messages.push(...envelopeMessages(entry[key], (text) => text));
    }
  }
  return sawError ? joinApiMessages(messages) : undefined;
}

function isEmpty(value: unknown): boolean {
  return (
    value == null ||
    value === '' ||
    (Array.isArray(value) ? value.length === 0 : isPlainObject(value) && Object.keys(value).length === 0)
  );
}

/**
 * The records of a list: an array of members, or (for a list key) one member given
 * without the array. A member is the record itself, or a record wrapped in `item` or the
 * key's singular (`{"image": {…}}`); a wrapper holding an array holds several members.
 */
function listMembers(key: string, value: unknown[] | Record<string, unknown>, endpoint: string): RawRecord[] {
  const wrappers = memberWrappers(key);
  const records: RawRecord[] = [];
  const add = (member: unknown, where: string) => {
    if (!isPlainObject(member)) throw shapeError(`"${where}" is not an object`, endpoint);
    const keys = Object.keys(member);
    if (keys.length === 1 && wrappers.has(keys[0]!)) {
      const inner = member[keys[0]!];
      if (isPlainObject(inner)) return void records.push(unwrapNestedLists(inner, endpoint));
      if (Array.isArray(inner)) {
        for (const [i, m] of inner.entries()) add(m, `${where}.${keys[0]}[${i}]`);
        return;
      }
      // `{"track": null}`: a wrapper with nothing in it.
      if (inner === null || inner === '') return;
    }
    records.push(unwrapNestedLists(member, endpoint));
  };
  if (Array.isArray(value)) for (const [i, member] of value.entries()) add(member, `${key}[${i}]`);
  // One member without the array; `{}` is an empty list.
  else if (Object.keys(value).length > 0) add(value, key);
  return records;
}

/**
 * Walks a freshly parsed record in place, reading the lists in it at any depth: the
 * values of list keys, and any other array whose members are wrapped the same way.
 */
function unwrapNestedLists(record: Record<string, unknown>, endpoint: string): RawRecord {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (Array.isArray(value)) {
      record[key] = LIST_KEYS.has(key) || value.every(isPlainObject) ? listMembers(key, value, endpoint) : value;
    } else if (isPlainObject(value)) {
      record[key] = LIST_KEYS.has(key) ? listMembers(key, value, endpoint) : unwrapNestedLists(value, endpoint);
    }
  }
  // JSON.parse only yields JSON values, which is exactly RawValue.
  return record as { [key: string]: RawValue };
}

function shapeError(message: string, endpoint: string): StageBlocParseError {
  return new StageBlocParseError(message, endpoint, 'json');
}
