import { describe, expect, it } from 'vitest';
import {
  albumListQuery,
  blogListQuery,
  photoListQuery,
  playlistListQuery,
  trackListQuery,
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
        blogListQuery({ orderBy: 'random' as never, direction: 'UP' as never, limit: 0, offset: -1, month: 13, status: [2 as never] });
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
