/**
 * The blog's pages: Astro's paginate() through the components' paginateBlog() (sticky
 * posts lead page 1 and only page 1), with page 1 at /blog/ and the rest at /blog/page/N/
 * so that /blog/<id>/ stays free for the posts themselves.
 */
import { paginateBlog } from 'astro-stagebloc/components';
import type { Post } from './content.js';
import { routes } from './routes.js';

// biome-ignore lint/suspicious/noExplicitAny: Astro's paginate is generic over its data; any of its instantiations must fit
type Paginate = (data: readonly any[], args?: Record<string, unknown>) => any[];

/** `/blog/3/` (what paginate() generates for src/pages/blog/[...page].astro) → `/blog/page/3/`. */
function pageUrl(url: string): string {
  const match = /^\/blog\/(\d+)\/?$/.exec(url);
  return match ? routes.blogPage(Number(match[1])) : url;
}

export function blogPagePaths(posts: readonly Post[], paginate: Paginate, pageSize: number) {
  const withPageUrls: Paginate = (data, args) => paginate(data, { ...args, format: pageUrl });
  const pages = paginateBlog(posts, { paginate: withPageUrls, pageSize }) as Array<{
    params: { page?: string };
    props: Record<string, unknown>;
  }>;
  return pages.map((path) => ({
    ...path,
    params: { page: path.params.page ? `page/${path.params.page}` : undefined },
  }));
}

/** A post's neighbours in time: the newer and the older one. */
export function neighbours<T extends { id: string }>(
  sortedNewestFirst: readonly T[],
  post: T,
): { newer?: T; older?: T } {
  const index = sortedNewestFirst.findIndex((p) => p.id === post.id);
  return { newer: sortedNewestFirst[index - 1], older: sortedNewestFirst[index + 1] };
}
