import { describe, expect, it } from 'vitest';
import {
  albumListQuery,
  blogListQuery,
  eventListQuery,
  photoListQuery,
  playlistListQuery,
  statusListQuery,
  trackListQuery,
  videoListQuery,
} from '../../src/client/endpoints.js';
import { StageBlocValidationError } from '../../src/client/errors.js';

describe('list parameter mapping', () => {
  it('sends nothing when nothing is asked (server defaults apply)', () => {
    for (const q of [trackListQuery(), playlistListQuery(), blogListQuery(), photoListQuery(), albumListQuery()]) {
      expect(q).toEqual({});
    }
  });

  it('maps camelCase to the documented names', () => {
    expect(trackListQuery({ orderBy: 'title', direction: 'ASC', limit: 5, offset: 10 })).toEqual({
      order_by: 'title',
      direction: 'ASC',
      limit: '5',
      offset: '10',
    });
    expect(playlistListQuery({ includeTracks: true })).toEqual({ include_tracks: '1' });
    expect(playlistListQuery({ includeTracks: false })).toEqual({ include_tracks: '0' });
    expect(blogListQuery({ orderBy: 'published', status: [1, 0], year: 2011, month: 3, ignoreSticky: true })).toEqual({
      order_by: 'published',
      status: '0,1',
      year: '2011',
      month: '3',
      ignore_sticky: '1',
    });
    expect(blogListQuery({ status: 0 })).toEqual({ status: '0' });
  });

  it('sends an overriding id alone', () => {
    expect(trackListQuery({ id: 7, orderBy: 'title', limit: 3 })).toEqual({ id: '7' });
    expect(trackListQuery({ playlistId: 4, direction: 'ASC', offset: 2 })).toEqual({ playlist_id: '4' });
    expect(trackListQuery({ id: 7, playlistId: 4 })).toEqual({ id: '7' });
    expect(playlistListQuery({ id: 3, includeTracks: true })).toEqual({ id: '3' });
    expect(blogListQuery({ id: 9, status: [0, 1], year: 2012 })).toEqual({ id: '9' });
    expect(photoListQuery({ albumId: 2, limit: 1 })).toEqual({ album_id: '2' });
    expect(photoListQuery({ id: 5, albumId: 2 })).toEqual({ id: '5' });
    expect(albumListQuery({ id: 1, limit: 1 })).toEqual({ id: '1' });
  });

  it('lists every invalid parameter at once', () => {
    const error = (() => {
      try {
        blogListQuery({
          orderBy: 'random' as never,
          direction: 'UP' as never,
          limit: 0,
          offset: -1,
          month: 13,
          status: [2 as never],
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StageBlocValidationError);
    expect((error as StageBlocValidationError).issues).toHaveLength(6);
    expect((error as StageBlocValidationError).endpoint).toBe('/blog/list');
  });

  it('rejects a bad id and orderBy published outside the blog', () => {
    expect(() => trackListQuery({ id: 1.5 })).toThrow(StageBlocValidationError);
    expect(() => photoListQuery({ orderBy: 'published' as never })).toThrow(/orderBy/);
  });
});

describe('list parameter mapping of the final docs (events, videos, statuses)', () => {
  it('sends nothing when nothing is asked: the server applies its own defaults', () => {
    expect(eventListQuery()).toEqual({});
    expect(videoListQuery()).toEqual({});
    expect(statusListQuery()).toEqual({});
  });

  it('maps every documented event parameter', () => {
    expect(
      eventListQuery({
        orderBy: 'startDateTime',
        direction: 'DESC',
        limit: 5,
        offset: 10,
        includePast: true,
        includeUpcoming: false,
      }),
    ).toEqual({
      order_by: 'startDateTime',
      direction: 'DESC',
      limit: '5',
      offset: '10',
      include_past: '1',
      include_upcoming: '0',
    });
    expect(eventListQuery({ orderBy: 'modified' })).toEqual({ order_by: 'modified' });
    expect(videoListQuery({ orderBy: 'title', direction: 'ASC' })).toEqual({ order_by: 'title', direction: 'ASC' });
    expect(statusListQuery({ orderBy: 'published', limit: 1 })).toEqual({ order_by: 'published', limit: '1' });
  });

  it('sends an id alone: it overrides every other parameter, include_past too', () => {
    expect(eventListQuery({ id: 115, includePast: true, includeUpcoming: false, limit: 3 })).toEqual({ id: '115' });
    expect(videoListQuery({ id: 663, orderBy: 'title' })).toEqual({ id: '663' });
    expect(statusListQuery({ id: 161, offset: 4 })).toEqual({ id: '161' });
  });

  it('rejects what the docs do not offer, all problems at once', () => {
    // @ts-expect-error modified is not a documented video order
    expect(() => videoListQuery({ orderBy: 'modified' })).toThrow(StageBlocValidationError);
    // @ts-expect-error title is not a documented event order
    expect(() => eventListQuery({ orderBy: 'title', limit: 0 })).toThrow(/orderBy.*\n?.*limit|limit.*orderBy/s);
    // @ts-expect-error a flag is a boolean
    expect(() => eventListQuery({ includePast: 1 })).toThrow(/include_past/);
  });
});
