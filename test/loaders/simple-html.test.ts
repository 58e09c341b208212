/**
 * The sanitizer's fast path (simple-html.ts) must give exactly what sanitize-html gives,
 * URLs for the blocked-URL check included, and hand everything else to sanitize-html.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeFully, sanitizeRichText, sanitizeRichTextTracked } from '../../src/loaders/sanitize.js';
import { sanitizeSimpleHtml } from '../../src/loaders/simple-html.js';
import { createDemoAccount } from '../../src/simulator/index.js';

function full(html: string): { html: string; urls: string[] } {
  const urls: string[] = [];
  return { html: sanitizeFully(html, {}, urls), urls };
}

// Pieces the fast path accepts, mostly, and pieces it must refuse.
const mostly = <T,>(clean: fc.Arbitrary<T>, dirty: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: clean }, { weight: 1, arbitrary: dirty });
const text = mostly(
  fc.constantFrom('Tour', ' dates ', 'a &amp; b', '&lt;b&gt;', 'x&nbsp;y', '&#39;q&#39;', '&#x2014;', '&mdash;', 'café', '\n', '\t', '"quoted"', "it's"),
  fc.constantFrom('5 > 4', 'A&B', '&bogus;', '&#0;', '&#150;', '&MDASH;', '\r', '\u0001'),
);
const url = mostly(
  fc.constantFrom('https://juniperstatic.example/tour', 'http://cdn.example.com/a.jpg?w=1&amp;h=2', 'https://x.example/&quot;', ''),
  fc.constantFrom('javascript:alert(1)', '/relative', 'mailto:band@example.com', 'https://x.example/a b', 'HTTPS://EXAMPLE.COM/'),
);
const value = mostly(fc.constantFrom('Night one', '', 'a &amp; b', 'a &mdash; b', '50', "it's"), fc.constantFrom('&lt;', '&zz;'));
const attribute = mostly(
  fc.oneof(
    fc.tuple(fc.constantFrom('href', 'src', 'cite'), url).map(([n, v]) => ` ${n}="${v}"`),
    fc.tuple(fc.constantFrom('title', 'alt', 'width', 'height', 'target', 'class', 'style', 'rel', 'loading', 'onclick', 'start', 'data-x'), value).map(([n, v]) => ` ${n}="${v}"`),
  ),
  fc.constantFrom(' allowfullscreen', " title='single'", '  title="two spaces"', ' href=bare', ' TITLE="x"'),
);
const tagName = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('p', 'a', 'img', 'li', 'ul', 'div', 'em') },
  {
    weight: 3,
    arbitrary: fc.constantFrom('strong', 'br', 'hr', 'ol', 'figure', 'figcaption', 'h2', 'blockquote', 'span', 'abbr', 'q', 'pre', 'code'),
  },
  { weight: 1, arbitrary: fc.constantFrom('iframe', 'script', 'table', 'td', 'dl', 'dd', 'h1', 'P', 'svg', 'video', 'textarea') },
);
const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { weight: 3, arbitrary: text },
    { weight: 1, arbitrary: mostly(fc.constantFrom('<br>', '<br/>', '<br />', '<hr>'), fc.constantFrom('</br>', '<!-- c -->', '<', '>', '</p>', '<p/>')) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(tagName, fc.array(attribute, { maxLength: 3 }), fc.array(tie('node'), { maxLength: 3 }), mostly(fc.constant(true), fc.constant(false)))
        .map(([tag, attrs, kids, close]) => `<${tag}${attrs.join('')}>${kids.join('')}${close ? `</${tag}>` : ''}`),
    },
  ),
})).node;
const html = fc.array(node, { maxLength: 6 }).map((parts) => parts.join(''));

describe('sanitizeSimpleHtml', () => {
  it('gives exactly what sanitize-html gives, or leaves the HTML to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(html, (raw) => {
        const simple = sanitizeSimpleHtml(raw);
        if (simple) {
          fast++;
          expect(simple).toEqual(full(raw));
        }
      }),
      { numRuns: 10_000 },
    );
    // The generator must reach the fast path often enough for this to mean something.
    expect(fast).toBeGreaterThan(2500);
  });

  it('takes the everyday shape of rich text: every field of the demo account gives the full result', () => {
    const account = createDemoAccount({ mediaBaseUrl: 'https://media.example', scale: 3 });
    const fields = [
      ...account.blog.map((p) => p.body),
      ...[...account.photos, ...account.albums, ...account.tracks, ...account.playlists].map((i) => i.description),
    ].filter((h): h is string => Boolean(h));
    const distinct = [...new Set(fields)];
    let fast = 0;
    for (const raw of distinct) {
      const simple = sanitizeSimpleHtml(raw);
      if (!simple) continue;
      fast++;
      expect(simple).toEqual(full(raw));
    }
    // Only the demo's iframes and its pasted widget (script, onclick) need the full parser.
    expect(fast / distinct.length).toBeGreaterThan(0.9);
  });

  it.each([
    ['a script', '<p>x</p><script>alert(1)</script>'],
    ['an iframe', '<iframe src="https://www.youtube.com/embed/a"></iframe>'],
    ['an unsafe link', '<a href="javascript:alert(1)">x</a>'],
    ['a relative link', '<a href="/tour">x</a>'],
    ['upper-case tags', '<P>x</P>'],
    ['an unclosed element', '<p><em>x</p>'],
    ['a paragraph closed by the next block', '<p>a<ul><li>b</li></ul></p>'],
    ['single-quoted attributes', "<a href='https://x.example/'>x</a>"],
    ['an unknown entity', '<p>&zz;</p>'],
    ['a comment', '<p>x<!-- y --></p>'],
    ['a rel the sanitizer would overwrite', '<a href="https://x.example/" rel="me">x</a>'],
    ['a URL attribute on a tag that keeps none', '<p src="https://x.example/a.jpg">x</p>'],
    ['a raw angle bracket', '<p>5 > 4</p>'],
    ['a carriage return', '<p>a\r\nb</p>'],
    ['a repeated attribute', '<a href="https://x.example/" href="https://y.example/">x</a>'],
  ])('leaves %s to sanitize-html', (_what, raw) => {
    expect(sanitizeSimpleHtml(raw)).toBeUndefined();
  });

  it('adds what the sanitizer forces and drops what it does not allow', () => {
    expect(
      sanitizeSimpleHtml(
        '<p class="lead">Hi &mdash; <a href="https://x.example/?a=1&amp;b=2" target="_blank">tickets</a><br></p>' +
          '<figure><img src="https://cdn.example/a.jpg" alt="" width="10" data-id="3"><figcaption>Fog</figcaption></figure>',
      ),
    ).toEqual({
      html:
        '<p>Hi \u2014 <a href="https://x.example/?a=1&amp;b=2" rel="noopener ugc">tickets</a><br /></p>' +
        '<figure><img src="https://cdn.example/a.jpg" alt="" width="10" loading="lazy" /><figcaption>Fog</figcaption></figure>',
      urls: ['https://x.example/?a=1&b=2', 'https://cdn.example/a.jpg'],
    });
  });
});

describe('the sanitizer with its fast path', () => {
  const body = '<p>Merch</p><figure><img src="https://cdn.example/private.jpg" alt="x"></figure><p><a href="https://cdn.example/private.jpg">file</a></p>';

  it('still removes blocked media from simple HTML', () => {
    const blocked = sanitizeRichText(body, { blockedUrls: new Set(['https://cdn.example/private.jpg']) });
    expect(blocked).toBe('<p>Merch</p><figure></figure><p>file</p>');
    expect(sanitizeRichText(body)).toBe(sanitizeFully(body).trim());
  });

  it('reports the URLs the blocked-URL check looks at', () => {
    expect(sanitizeRichTextTracked(body).urls).toEqual(['https://cdn.example/private.jpg', 'https://cdn.example/private.jpg']);
  });
});
