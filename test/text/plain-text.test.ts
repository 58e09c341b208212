import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlToPlainText, plainTextOfSanitizedHtml, truncateText } from '../../src/text/plain-text.js';
import { htmlToText } from '../../src/structured-data/text.js';
import { excerptOf, excerptOfSanitized, sanitizeRichText } from '../../src/content/sanitize.js';

describe('htmlToPlainText', () => {
  it('keeps words apart across block boundaries', () => {
    expect(
      htmlToPlainText(
        '<figure><img src="a.jpg" alt=""><figcaption>Merch</figcaption></figure><p><a href="/shop">Visit the shop</a></p>',
      ),
    ).toBe('Merch Visit the shop');
    expect(htmlToPlainText('<ul><li>Lake Effect</li><li>Whiteout</li></ul>')).toBe('Lake Effect Whiteout');
    expect(htmlToPlainText('One<br>Two<hr>Three')).toBe('One Two Three');
  });

  it('keeps inline markup inside words intact', () => {
    expect(htmlToPlainText('<p>Out <strong>now</strong>, every<em>where</em></p>')).toBe('Out now, everywhere');
  });

  it('drops the text of iframes, scripts and other non-prose elements, and decodes entities', () => {
    expect(
      htmlToPlainText(
        '<p>Listen</p><iframe src="https://bandcamp.com/x">Juniper Static</iframe><script>alert(1)</script><p>Fish &amp; chips &#8212; x&lt;y</p>',
      ),
    ).toBe('Listen Fish & chips — x<y');
  });

  it('is what the structured-data helpers and the loaders’ excerpts use', () => {
    const html = '<figcaption>Merch</figcaption><p>Visit</p>';
    expect(htmlToText(html)).toBe('Merch Visit');
    expect(excerptOf(html)).toBe('Merch Visit');
  });
});

describe('truncateText', () => {
  it('cuts at a word boundary with an ellipsis, and leaves short text alone', () => {
    expect(truncateText('short text', 50)).toBe('short text');
    const cut = truncateText('word '.repeat(40), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut.endsWith('word…')).toBe(true);
  });
});

describe('plainTextOfSanitizedHtml', () => {
  const text = fc.constantFrom(
    'Tour',
    ' dates ',
    'a &amp; b',
    '&lt;p&gt;',
    'x&nbsp;y',
    '&#39;q&#39;',
    'café',
    '\n',
    '5 < 6 > 4',
    'A&B',
  );
  const youtube = fc.constantFrom('https://www.youtube.com/embed/a', 'https://player.vimeo.com/video/1');
  const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      text,
      fc.constantFrom(
        '<br>',
        '<hr>',
        '<img src="https://cdn.example.com/a.jpg" alt="a > b">',
        '<script>x()</script>',
        '<!-- c -->',
      ),
      fc
        .tuple(youtube, fc.array(tie('node'), { maxLength: 2 }))
        .map(([src, kids]) => `<iframe src="${src}">${kids.join('')}</iframe>`),
      fc
        .tuple(
          fc.constantFrom(
            'p',
            'h2',
            'li',
            'figure',
            'figcaption',
            'span',
            'em',
            'a',
            'table',
            'td',
            'div',
            'blockquote',
            'pre',
            'video',
            'svg',
          ),
          fc.array(tie('node'), { maxLength: 3 }),
        )
        .map(
          ([tag, kids]) =>
            `<${tag}${tag === 'a' ? ' href="https://example.com/?a=1&b=2" title="t"' : ''}>${kids.join('')}</${tag}>`,
        ),
    ),
  })).node;
  const html = fc.array(node, { maxLength: 6 }).map((parts) => parts.join(''));

  it('equals htmlToPlainText on everything sanitizeRichText writes', () => {
    fc.assert(
      fc.property(html, (raw) => {
        const sanitized = sanitizeRichText(raw) ?? '';
        expect(plainTextOfSanitizedHtml(sanitized)).toBe(htmlToPlainText(sanitized));
      }),
      { numRuns: 1000 },
    );
  });

  it('an excerpt from the text cut short once it is long enough is the excerpt of the whole text', () => {
    fc.assert(
      fc.property(fc.array(html, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 150 }), (raws, max) => {
        const sanitized = sanitizeRichText(raws.join('')) ?? '';
        expect(excerptOfSanitized(sanitized, max)).toBe(truncateText(plainTextOfSanitizedHtml(sanitized), max));
      }),
      { numRuns: 1000 },
    );
  });

  it('drops iframe fallback text as browsers read it (the first </iframe> ends it), unclosed too, and spaces block boundaries', () => {
    const sanitized =
      sanitizeRichText(
        '<figure><img src="https://x.example/a.jpg"><figcaption>Merch</figcaption></figure><p>Visit<iframe src="https://www.youtube.com/embed/a">no <iframe src="https://www.youtube.com/embed/b">frames</iframe> here</iframe> the shop</p>',
      ) ?? '';
    expect(plainTextOfSanitizedHtml(sanitized)).toBe(htmlToPlainText(sanitized));
    expect(plainTextOfSanitizedHtml(sanitized)).toBe('Merch Visit here the shop');
    expect(htmlToPlainText('<p>Watch<iframe src="https://www.youtube.com/embed/a">no frames')).toBe('Watch');
  });
});
