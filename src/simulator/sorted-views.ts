/**
 * Sorted views of the account's collections, cached between requests.
 *
 * Tests edit the account in place (retitle a record, bump `modified`, splice
 * one out), so a cached view is revalidated on every use with an O(n) identity
 * and key comparison — far cheaper than re-sorting 20k records per page — and
 * rebuilt only when something it depends on changed.
 */
import type { DemoValue } from './types.js';

export type SortKey = 'created' | 'modified' | 'title' | 'published' | 'start_date';

export interface SortableRecord {
  [key: string]: DemoValue | undefined;
  id: number;
}

interface View<T extends SortableRecord> {
  source: readonly T[];
  /** The source array's members when the view was built, in source order. */
  members: T[];
  /** Ascending by (key, id). */
  sorted: T[];
  /** sorted[i][key] and sorted[i].id when built. */
  keys: unknown[];
  ids: number[];
}

export interface SortedViews {
  /** `records` ascending by `key` then id (callers walk it backwards for DESC). */
  ascending<T extends SortableRecord>(records: readonly T[], key: SortKey): readonly T[];
}

export function createSortedViews(): SortedViews {
  const cache = new Map<string, View<SortableRecord>>();
  let nextArrayId = 0;
  const arrayIds = new WeakMap<object, number>();
  const arrayId = (array: object): number => {
    let id = arrayIds.get(array);
    if (id === undefined) {
      id = nextArrayId++;
      arrayIds.set(array, id);
    }
    return id;
  };

  return {
    ascending<T extends SortableRecord>(records: readonly T[], key: SortKey): readonly T[] {
      const cacheKey = `${arrayId(records)}:${key}`;
      const cached = cache.get(cacheKey) as View<T> | undefined;
      if (cached && isCurrent(cached, records, key)) return cached.sorted;
      const view = buildView(records, key);
      cache.set(cacheKey, view as unknown as View<SortableRecord>);
      return view.sorted;
    },
  };
}

function isCurrent<T extends SortableRecord>(view: View<T>, records: readonly T[], key: SortKey): boolean {
  if (view.source !== records || view.members.length !== records.length) return false;
  for (let i = 0; i < records.length; i++) if (view.members[i] !== records[i]) return false;
  const { sorted, keys, ids } = view;
  for (let i = 0; i < sorted.length; i++) {
    const record = sorted[i] as T;
    if (record[key] !== keys[i] || record.id !== ids[i]) return false;
  }
  return true;
}

function buildView<T extends SortableRecord>(records: readonly T[], key: SortKey): View<T> {
  const members = records.slice();
  // Titles sort case-insensitively (like a MySQL collation); dates as their
  // `Y-m-d H:i:s` strings, which order chronologically; null sorts first.
  const sortValue = (record: T): string => {
    const value = record[key];
    if (value === null || value === undefined) return '';
    const text = String(value);
    return key === 'title' ? text.toLowerCase() : text;
  };
  const decorated = members.map((record) => ({ record, value: sortValue(record), id: Number(record.id) }));
  decorated.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.id - b.id));
  const sorted = decorated.map((d) => d.record);
  return {
    source: records,
    members,
    sorted,
    keys: sorted.map((record) => record[key]),
    ids: sorted.map((record) => record.id),
  };
}
