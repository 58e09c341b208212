/**
 * walkHead's stopping rule and its distrust, on pages given directly: where it stops, the
 * same-second margin, and every order that sends the collection to a full walk.
 */
import { describe, expect, it } from 'vitest';
import type { ListPage } from '../../src/client/model.js';
import { SAME_SECOND_MARGIN_MS, walkHead, type Dated } from '../../src/sync/head-walk.js';

const T = Date.UTC(2025, 5, 1, 12, 0, 0);
const item = (id: number, secondsAfterWatermark: number): Dated => ({
  id,
  modified: new Date(T + secondsAfterWatermark * 1000),
});

/** A list served newest first in pages of `limit`, recording the offsets asked for. */
function list(items: Dated[]) {
  const offsets: number[] = [];
  const read = async (offset: number, limit: number): Promise<ListPage<Dated>> => {
    offsets.push(offset);
    return { total: items.length, items: items.slice(offset, offset + limit) };
  };
  return { read, offsets };
}

describe('walkHead', () => {
  it('stops at the first page that reaches back past the watermark, and keeps the same second', async () => {
    const items = [item(9, 30), item(8, 20), item(7, 0), item(6, -1), item(5, -60), item(4, -70), item(3, -80)];
    const { read, offsets } = list(items);
    const walked = await walkHead(read, { watermark: new Date(T), pageSize: 2 });
    expect(SAME_SECOND_MARGIN_MS).toBe(1000);
    // Page 3 holds the first item older than the margin; page 4 is never asked for.
    expect(offsets).toEqual([0, 2, 4]);
    expect(walked).toEqual({ kind: 'head', items: items.slice(0, 4), total: 7, pages: 3 });
  });

  it('reads the whole list when everything is newer, and nothing more', async () => {
    const { read, offsets } = list([item(2, 5), item(1, 4)]);
    expect(await walkHead(read, { watermark: new Date(T), pageSize: 2 })).toMatchObject({ kind: 'head', pages: 1 });
    expect(offsets).toEqual([0]);
  });

  it('distrusts an item newer than the one before it (an old item among newer ones)', async () => {
    const { read } = list([item(3, 10), item(2, -100), item(1, 20)]);
    expect(await walkHead(read, { watermark: new Date(T), pageSize: 10 })).toMatchObject({ kind: 'full' });
  });

  it('distrusts a total that changes between pages', async () => {
    let total = 5;
    const read = async (offset: number): Promise<ListPage<Dated>> => ({
      total: total++,
      items: [item(10 - offset, 10 - offset)],
    });
    expect(await walkHead(read, { watermark: new Date(T), pageSize: 1 })).toMatchObject({ kind: 'full' });
  });

  it('asks for the first page before the watermark is known, and stops there without one', async () => {
    const items = [item(3, 10), item(2, 5), item(1, -100)];
    const { read, offsets } = list(items);
    let giveWatermark!: (date: Date | undefined) => void;
    const walking = walkHead(read, { watermark: new Promise((resolve) => (giveWatermark = resolve)), pageSize: 2 });
    await new Promise((resolve) => setImmediate(resolve));
    // The first request is out while the stored copy is still being read.
    expect(offsets).toEqual([0]);
    giveWatermark(new Date(T));
    expect(await walking).toEqual({ kind: 'head', items: items.slice(0, 2), total: 3, pages: 2 });
    expect(offsets).toEqual([0, 2]);

    const without = list(items);
    const walked = await walkHead(without.read, { watermark: Promise.resolve(undefined), pageSize: 2 });
    expect(walked).toMatchObject({ kind: 'full' });
    expect(without.offsets).toEqual([0]);
  });
});
