/**
 * Blog ordering, pagination and archive grouping, shared by BlogList, BlogArchive
 * and the pages a site builds with getStaticPaths().
 */
import type { Page, Params, Props } from 'astro';
import type { BlogEntry } from './types.js';
import { toDate } from './dates.js';

/** The date a post is filed under: its publication date, or its creation date for undated posts. */
export function postDate(entry: BlogEntry): Date {
  return toDate(entry.data.published) ?? toDate(entry.data.created) ?? new Date(0);
}

/**
 * Newest first; ties keep the given order. Generic so that a site's own entry type
 * (e.g. `CollectionEntry<'blog'>`) comes back unchanged: these are the same objects.
 */
export function newestFirst<E extends BlogEntry>(entries: readonly E[]): E[] {
  return [...entries].sort((a, b) => postDate(b).getTime() - postDate(a).getTime());
}

/** Sticky posts (newest first), then the rest (newest first): the order of the blog's first page. */
export function stickyFirst<E extends BlogEntry>(entries: readonly E[]): E[] {
  const sorted = newestFirst(entries);
  return [...sorted.filter((e) => e.data.sticky), ...sorted.filter((e) => !e.data.sticky)];
}

/**
 * The `paginate` getStaticPaths() receives (Astro's `PaginateFunction`), or a wrapper
 * around it. Typed loosely on purpose: Astro's generic signature, and a site's own
 * wrapper with a plainer one, both fit.
 */
// biome-ignore-start lint/suspicious/noExplicitAny: Astro's paginate is generic over its data; any of its instantiations must fit
type Paginate = (
  data: readonly any[],
  args?: { pageSize?: number; params?: any; props?: any; format?: (url: string) => string },
) => unknown[];
// biome-ignore-end lint/suspicious/noExplicitAny: (see above)

export interface PaginateBlogOptions<
  P extends Paginate = Paginate,
  PageParams extends Params = {},
  PageProps extends Props = {},
> {
  /** The `paginate` function getStaticPaths() receives. */
  paginate: P;
  pageSize?: number;
  /** More route params, for routes like `src/pages/[lang]/blog/[...page].astro`. */
  params?: PageParams;
  /** More props for every page. */
  props?: PageProps;
  /** Astro's `format`: rewrites every pagination URL (e.g. to move pages 2+ to `/blog/page/N/`). */
  format?: (url: string) => string;
}

/**
 * What Astro's paginate() returns, with the caller's entry type kept, so that
 * `InferGetStaticPropsType<typeof getStaticPaths>` gives `{ page: Page<E> }`.
 */
export type BlogPagePaths<E, PageParams extends Params = {}, PageProps extends Props = {}> = Array<{
  params: { page: string | undefined } & PageParams;
  props: { page: Page<E> } & PageProps;
}>;

/**
 * getStaticPaths() for a paginated blog: sticky posts lead page 1 and only page 1
 * (they are not repeated on later pages), everything else newest first.
 *
 * ```astro
 * export const getStaticPaths = (async ({ paginate }) =>
 *   paginateBlog(await getCollection('blog'), { paginate, pageSize: 10 })) satisfies GetStaticPaths;
 * type Props = InferGetStaticPropsType<typeof getStaticPaths>; // { page: Page<CollectionEntry<'blog'>> }
 * ```
 */
export function paginateBlog<E extends BlogEntry, PageParams extends Params = {}, PageProps extends Props = {}>(
  entries: readonly E[],
  options: PaginateBlogOptions<Paginate, PageParams, PageProps>,
): BlogPagePaths<E, NoInfer<PageParams>, NoInfer<PageProps>> {
  const { paginate, pageSize = 10, params, props, format } = options;
  // Astro's paginate() is typed generically, so its result for our entries is BlogPagePaths<E>.
  return paginate(stickyFirst(entries), { pageSize, params, props, ...(format ? { format } : {}) }) as BlogPagePaths<
    E,
    PageParams,
    PageProps
  >;
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
export function archiveMonthPaths(
  entries: readonly BlogEntry[],
): Array<{ params: { year: string; month: string }; props: { archive: ArchiveMonth } }> {
  return archiveByMonth(entries).flatMap((y) =>
    y.months.map((m) => ({ params: { year: String(m.year), month: m.monthParam }, props: { archive: m } })),
  );
}
