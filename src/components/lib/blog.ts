/**
 * Blog ordering, pagination and archive grouping, shared by BlogList, BlogArchive
 * and the pages a site builds with getStaticPaths().
 */
import type { BlogEntry } from '../entries.js';
import { toDate } from './dates.js';

/** The date a post is filed under: its publication date, or its creation date for undated posts. */
export function postDate(entry: BlogEntry): Date {
  return toDate(entry.data.published) ?? toDate(entry.data.created) ?? new Date(0);
}

/** Newest first; ties keep the given order. */
export function newestFirst(entries: readonly BlogEntry[]): BlogEntry[] {
  return [...entries].sort((a, b) => postDate(b).getTime() - postDate(a).getTime());
}

/** Sticky posts (newest first), then the rest (newest first): the order of the blog's first page. */
export function stickyFirst(entries: readonly BlogEntry[]): BlogEntry[] {
  const sorted = newestFirst(entries);
  return [...sorted.filter((e) => e.data.sticky), ...sorted.filter((e) => !e.data.sticky)];
}

/** Astro's `paginate()` from getStaticPaths, typed loosely so any Astro 7 signature fits. */
type Paginate = (data: readonly any[], args?: { pageSize?: number; params?: any; props?: any }) => any[];

export interface PaginateBlogOptions<P extends Paginate> {
  /** The `paginate` function getStaticPaths() receives. */
  paginate: P;
  pageSize?: number;
  params?: Record<string, string | number>;
  props?: Record<string, unknown>;
}

/**
 * getStaticPaths() for a paginated blog: sticky posts lead page 1 and only page 1
 * (they are not repeated on later pages), everything else newest first.
 *
 * ```astro
 * export const getStaticPaths = (async ({ paginate }) =>
 *   paginateBlog(await getCollection('blog'), { paginate, pageSize: 10 })) satisfies GetStaticPaths;
 * ```
 */
export function paginateBlog<P extends Paginate>(entries: readonly BlogEntry[], options: PaginateBlogOptions<P>): ReturnType<P> {
  const { paginate, pageSize = 10, params, props } = options;
  return paginate(stickyFirst(entries), { pageSize, params, props }) as ReturnType<P>;
}

export interface ArchiveMonth {
  year: number;
  /** 1–12. */
  month: number;
  /** Zero-padded, for URLs: "06". */
  monthParam: string;
  /** "June 2012". */
  label: string;
  entries: BlogEntry[];
}

export interface ArchiveYear {
  year: number;
  months: ArchiveMonth[];
  count: number;
}

/** Posts grouped by year and month of publication (UTC), newest first at every level. */
export function archiveByMonth(entries: readonly BlogEntry[], locale = 'en-US'): ArchiveYear[] {
  const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const years = new Map<number, Map<number, ArchiveMonth>>();
  for (const entry of newestFirst(entries)) {
    const date = postDate(entry);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    const months = years.get(year) ?? new Map<number, ArchiveMonth>();
    years.set(year, months);
    const bucket = months.get(month) ?? {
      year,
      month,
      monthParam: String(month).padStart(2, '0'),
      label: monthName.format(date),
      entries: [],
    };
    months.set(month, bucket);
    bucket.entries.push(entry);
  }
  return [...years.entries()]
    .sort(([a], [b]) => b - a)
    .map(([year, months]) => {
      const list = [...months.values()].sort((a, b) => b.month - a.month);
      return { year, months: list, count: list.reduce((n, m) => n + m.entries.length, 0) };
    });
}

/**
 * getStaticPaths() entries for month archive pages, e.g. `src/pages/blog/[year]/[month].astro`:
 * params `{ year: "2012", month: "06" }`, props `{ archive }` (the month's posts).
 */
export function archiveMonthPaths(entries: readonly BlogEntry[]): Array<{ params: { year: string; month: string }; props: { archive: ArchiveMonth } }> {
  return archiveByMonth(entries).flatMap((y) =>
    y.months.map((m) => ({ params: { year: String(m.year), month: m.monthParam }, props: { archive: m } })),
  );
}
