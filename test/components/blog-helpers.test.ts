/**
 * The pure helpers behind the blog components. Astro's own paginate() only exists
 * inside getStaticPaths(), so it is exercised by the fixture-site build
 * (test/browser); here a plain slicer stands in to check what paginateBlog hands it.
 */
import { describe, expect, it } from 'vitest';
import { archiveByMonth, archiveMonthPaths, paginateBlog, stickyFirst } from '../../src/entries/blog.js';
import { clockDuration, isoDuration, spokenDuration } from '../../src/entries/duration.js';
import { srcsetOf, dimensionsOf } from '../../src/entries/images.js';
import { blogEntry } from './contract-entries.js';

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

function slicingPaginate(data: readonly unknown[], args: { pageSize?: number } = {}) {
  const size = args.pageSize ?? 10;
  const pages: Array<{ props: { page: { data: unknown[]; currentPage: number } } }> = [];
  for (let i = 0; i < Math.max(1, Math.ceil(data.length / size)); i++) {
    pages.push({ props: { page: { data: data.slice(i * size, (i + 1) * size), currentPage: i + 1 } } });
  }
  return pages;
}

describe('paginateBlog', () => {
  const posts = [
    blogEntry({ id: '1', published: at('2024-01-01') }),
    blogEntry({ id: '2', published: at('2024-03-01'), sticky: true }),
    blogEntry({ id: '3', published: at('2024-02-01') }),
    blogEntry({ id: '4', published: at('2023-06-01'), sticky: true }),
    blogEntry({ id: '5', published: at('2024-05-01') }),
    blogEntry({ id: '6', published: at('2022-05-01') }),
  ];

  it('puts sticky posts first on page 1 only, everything else newest first', () => {
    const pages = paginateBlog(posts, { paginate: slicingPaginate, pageSize: 3 });
    const ids = pages.map((p) => (p.props.page.data as typeof posts).map((e) => e.id));
    expect(ids).toEqual([
      ['2', '4', '5'],
      ['3', '1', '6'],
    ]);
    expect(ids.flat().filter((id) => id === '2' || id === '4')).toHaveLength(2);
  });

  it('passes pageSize, params and props through to paginate()', () => {
    const calls: unknown[] = [];
    paginateBlog(posts, {
      paginate: (_data, args) => (calls.push(args), []),
      pageSize: 7,
      params: { lang: 'en' },
      props: { x: 1 },
    });
    expect(calls).toEqual([{ pageSize: 7, params: { lang: 'en' }, props: { x: 1 } }]);
  });

  it('stickyFirst keeps every post exactly once', () => {
    expect(
      stickyFirst(posts)
        .map((e) => e.id)
        .sort(),
    ).toEqual(posts.map((e) => e.id).sort());
  });
});

describe('archiveByMonth', () => {
  it('groups by UTC year and month of publication, newest first, undated posts by creation', () => {
    const entries = [
      blogEntry({ id: 'a', published: new Date('2024-03-31T23:30:00Z') }),
      blogEntry({ id: 'b', published: new Date('2024-04-01T00:10:00Z') }),
      blogEntry({ id: 'c', published: at('2023-12-05') }),
      blogEntry({ id: 'd', published: null, created: at('2024-03-02') }),
    ];
    const years = archiveByMonth(entries);
    expect(years.map((y) => [y.year, y.months.map((m) => [m.monthParam, m.entries.map((e) => e.id)])])).toEqual([
      [
        2024,
        [
          ['04', ['b']],
          ['03', ['a', 'd']],
        ],
      ],
      [2023, [['12', ['c']]]],
    ]);
    expect(years[0]!.months[0]!.label).toBe('April 2024');
    expect(archiveMonthPaths(entries).map((p) => p.params)).toEqual([
      { year: '2024', month: '04' },
      { year: '2024', month: '03' },
      { year: '2023', month: '12' },
    ]);
  });
});

describe('durations', () => {
  it.each([
    [0, 'PT0S', '0:00', '0 seconds'],
    [65, 'PT1M5S', '1:05', '1 minute 5 seconds'],
    [200, 'PT3M20S', '3:20', '3 minutes 20 seconds'],
    [3600, 'PT1H', '1:00:00', '1 hour'],
    [3723.9, 'PT1H2M3S', '1:02:03', '1 hour 2 minutes 3 seconds'],
    [120, 'PT2M', '2:00', '2 minutes'],
  ])('%s s → %s, %s, "%s"', (seconds, iso, clock, spoken) => {
    expect(isoDuration(seconds)).toBe(iso);
    expect(clockDuration(seconds)).toBe(clock);
    expect(spokenDuration(seconds)).toBe(spoken);
  });
});

describe('image attributes', () => {
  it('builds srcset only from sizes with known widths, smallest first, without duplicates', () => {
    const srcset = srcsetOf({
      original: { url: 'https://x/o.jpg', width: 1600, height: 900 },
      small: { url: 'https://x/s.jpg', width: 240 },
      medium: { url: 'https://x/m,1.jpg', width: 500 },
      thumbnail: { url: 'https://x/t.jpg' },
      large: { url: 'https://x/l.jpg', width: 500 },
    });
    expect(srcset).toBe('https://x/s.jpg 240w, https://x/m%2C1.jpg 500w, https://x/o.jpg 1600w');
    // A URL a page may not use (white space, another scheme) is no candidate.
    expect(
      srcsetOf({
        small: { url: 'https://x/a b.jpg', width: 240 },
        medium: { url: 'javascript:x', width: 500 },
        large: { url: 'https://x/l.jpg', width: 900 },
      }),
    ).toBeUndefined();
    expect(srcsetOf({ medium: { url: 'https://x/m.jpg', width: 500 } })).toBeUndefined();
    expect(dimensionsOf({ url: 'u', width: 10 })).toEqual({});
    expect(dimensionsOf({ url: 'u', width: 10, height: 5 })).toEqual({ width: 10, height: 5 });
  });
});
