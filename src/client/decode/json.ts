/**
 * JSON documents as the StageBloc API writes them:
 * `{"response":{"total":N,"items":[{"item":{…}}]}}`, errors as
 * `{"response":[{"error":{"message":"…"}}]}`.
 */
import { StageBlocParseError } from '../errors.js';
import {
  ARRAY_MEMBER_NAMES,
  apiFailure,
  hasOwn,
  httpFailure,
  isPlainObject,
  isSuccessStatus,
  joinApiMessages,
  parseCount,
  type RawList,
  type RawRecord,
  type RawValue,
} from './raw.js';

export function decodeJsonList(body: string, endpoint: string, status: number): RawList {
  const doc = parseJsonDocument(body, endpoint, status);
  if (!isPlainObject(doc) || !isPlainObject(doc['response'])) {
    throw shapeError('expected an object with a "response" object', endpoint);
  }
  const response = doc['response'];
  const total = parseCount(response['total']);
  if (total === undefined) throw shapeError('"response.total" is missing or not a count', endpoint);
  const items = response['items'];
  if (items !== null && !Array.isArray(items)) throw shapeError('"response.items" is not an array', endpoint);
  return { format: 'json', total, items: items === null ? [] : unwrapMembers('items', items, endpoint) };
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

/** The documented `{"response":[{"error":{"message"}}]}`, also accepted without the array. */
function jsonErrorMessage(doc: unknown): string | undefined {
  if (!isPlainObject(doc)) return undefined;
  const response = doc['response'];
  const entries = Array.isArray(response) ? response : [response];
  const messages: string[] = [];
  let sawError = false;
  for (const entry of entries) {
    if (!isPlainObject(entry) || !hasOwn(entry, 'error')) continue;
    sawError = true;
    const error = entry['error'];
    const message = isPlainObject(error) ? error['message'] : error;
    if (typeof message === 'string' || typeof message === 'number') messages.push(String(message));
  }
  return sawError ? joinApiMessages(messages) : undefined;
}

/** `[{"item": {…}}]` → `[{…}]`; a member that is not wrapped is taken as the record itself. */
function unwrapMembers(arrayKey: string, members: unknown[], endpoint: string): RawRecord[] {
  const memberName = ARRAY_MEMBER_NAMES.get(arrayKey) ?? 'item';
  const records: RawRecord[] = new Array(members.length);
  for (let i = 0; i < members.length; i++) {
    const member = members[i];
    if (!isPlainObject(member)) throw shapeError(`"${arrayKey}[${i}]" is not an object`, endpoint);
    const wrapped = member[memberName];
    const keys = Object.keys(member);
    const record = keys.length === 1 && keys[0] === memberName && isPlainObject(wrapped) ? wrapped : member;
    records[i] = unwrapNestedArrays(record, endpoint);
  }
  return records;
}

/** Walks a freshly parsed record in place, unwrapping the members of known list keys at any depth. */
function unwrapNestedArrays(record: Record<string, unknown>, endpoint: string): RawRecord {
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (Array.isArray(value)) {
      record[key] = ARRAY_MEMBER_NAMES.has(key) ? unwrapMembers(key, value, endpoint) : value;
    } else if (isPlainObject(value)) {
      unwrapNestedArrays(value, endpoint);
    }
  }
  // JSON.parse only yields JSON values, which is exactly RawValue.
  return record as { [key: string]: RawValue };
}

function shapeError(message: string, endpoint: string): StageBlocParseError {
  return new StageBlocParseError(message, endpoint, 'json');
}
