/**
 * Type-level tests: the blog helpers hand back the caller's own entry type (a site's
 * `CollectionEntry<'blog'>` has more than the components' structural BlogEntry), so
 * pages need no casts. `expectTypeOf` checks run under `npx tsc --noEmit` (test/ is in
 * tsconfig.json's include); the runtime assertions make sure the typed values are real.
 */
import type { GetStaticPaths, InferGetStaticPropsType, Page, PaginateFunction } from 'astro';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BlogEntry } from '../../src/entries/types.js';
import { newestFirst, paginateBlog, stickyFirst } from '../../src/entries/blog.js';
import { dimensionsOf, pickImage, srcsetOf } from '../../src/entries/images.js';
import { blogEntry } from './contract-entries.js';

/** Shaped like Astro's CollectionEntry<'blog'>: a literal collection, a body, extra data. */
type SitePost = BlogEntry & { collection: 'blog'; body?: string; data: BlogEntry['data'] & { tags: string[] } };

const sitePost = (id: string, published: string, sticky = false): SitePost => {
  const base = blogEntry({ id, published: new Date(`${published}T12:00:00Z`), sticky });
  return { ...base, collection: 'blog', body: `body ${id}`, data: { ...base.data, tags: [`tag-${id}`] } };
};

const posts: readonly SitePost[] = [
  sitePost('1', '2024-01-01'),
  sitePost('2', '2024-03-01', true),
  sitePost('3', '2024-02-01'),
];

/** Astro's paginate(), reduced to what these tests need: slices into pages of `pageSize`. */
const slicingPaginate = ((
  data: readonly unknown[],
  args: { pageSize?: number; format?: (url: string) => string } = {},
) => {
  const size = args.pageSize ?? 10;
  const lastPage = Math.max(1, Math.ceil(data.length / size));
  return Array.from({ length: lastPage }, (_, i) => {
    const url = (args.format ?? String)(i === 0 ? '/blog' : `/blog/${i + 1}`);
    return {
      params: { page: i === 0 ? undefined : String(i + 1) },
      props: {
        page: { data: data.slice(i * size, (i + 1) * size), currentPage: i + 1, lastPage, url: { current: url } },
      },
    };
  });
}) as unknown as PaginateFunction;

describe('blog helpers keep the caller’s entry type', () => {
  it('newestFirst and stickyFirst return the same entries, typed as given', () => {
    const newest = newestFirst(posts);
    expectTypeOf(newest).toEqualTypeOf<SitePost[]>();
    expect(newest.map((p) => p.id)).toEqual(['2', '3', '1']);
    // The extra fields are there, and reachable without a cast.
    expect(newest[0]!.data.tags).toEqual(['tag-2']);
    expect(newest.every((p, i) => posts.includes(p) && p.collection === 'blog' && i >= 0)).toBe(true);

    const sticky = stickyFirst(posts);
    expectTypeOf(sticky).toEqualTypeOf<SitePost[]>();
    expect(sticky.map((p) => p.body)).toEqual(['body 2', 'body 3', 'body 1']);
  });

  it('paginateBlog gives pages of the caller’s entries to getStaticPaths() and Astro.props', async () => {
    const getStaticPaths = (async ({ paginate }) =>
      paginateBlog(posts, { paginate, pageSize: 2 })) satisfies GetStaticPaths;
    type PageProps = InferGetStaticPropsType<typeof getStaticPaths>;
    expectTypeOf<PageProps>().toEqualTypeOf<{ page: Page<SitePost> }>();
    expectTypeOf<Awaited<ReturnType<typeof getStaticPaths>>[number]['params']>().toEqualTypeOf<{
      page: string | undefined;
    }>();

    const paths = await getStaticPaths({ paginate: slicingPaginate, routePattern: '/blog/[...page]' });
    expect(paths.map((p) => p.params.page)).toEqual([undefined, '2']);
    const firstPage: PageProps['page'] = paths[0]!.props.page;
    expect(firstPage.data.map((p) => p.data.tags[0])).toEqual(['tag-2', 'tag-3']);
  });

  it('paginateBlog keeps extra params and props typed, and passes format through', () => {
    const paths = paginateBlog(posts, {
      paginate: slicingPaginate,
      pageSize: 2,
      params: { lang: 'en' },
      props: { heading: 'News' },
      format: (url) => `${url}.html`,
    });
    expectTypeOf(paths[0]!.params).toEqualTypeOf<{ page: string | undefined } & { lang: string }>();
    expectTypeOf(paths[0]!.props).toEqualTypeOf<{ page: Page<SitePost> } & { heading: string }>();
    expect(paths.map((p) => p.props.page.url.current)).toEqual(['/blog.html', '/blog/2.html']);
  });

  it('accepts a site’s own loosely typed wrapper around paginate()', () => {
    type Loose = (data: readonly any[], args?: Record<string, unknown>) => any[];
    const wrapped: Loose = (data, args) => slicingPaginate(data, { ...args, pageSize: 1 });
    const paths = paginateBlog(posts, { paginate: wrapped });
    expectTypeOf(paths[0]!.props.page.data).toEqualTypeOf<SitePost[]>();
    expect(paths).toHaveLength(posts.length);
  });
});

describe('astro-stagebloc/components exports the image helpers', () => {
  it('with the same types as the components use', () => {
    type Package = typeof import('astro-stagebloc/components');
    expectTypeOf<Package['pickImage']>().toEqualTypeOf<typeof pickImage>();
    expectTypeOf<Package['srcsetOf']>().toEqualTypeOf<typeof srcsetOf>();
    expectTypeOf<Package['dimensionsOf']>().toEqualTypeOf<typeof dimensionsOf>();
    expectTypeOf<Package['newestFirst']>().toEqualTypeOf<typeof newestFirst>();
    const images = {
      small: { url: 's.jpg', width: 240, height: 240 },
      large: { url: 'l.jpg', width: 1024, height: 1024 },
    };
    expect(pickImage(images, ['medium', 'large'])).toBe(images.large);
    expect(srcsetOf(images)).toBe('s.jpg 240w, l.jpg 1024w');
    expect(dimensionsOf(images.large)).toEqual({ width: 1024, height: 1024 });
  });
});
