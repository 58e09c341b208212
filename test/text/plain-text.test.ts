import { describe, expect, it } from 'vitest';
import { htmlToPlainText, truncateText } from '../../src/text/plain-text.js';
import { htmlToText } from '../../src/structured-data/text.js';
import { excerptOf } from '../../src/loaders/sanitize.js';

describe('htmlToPlainText', () => {
  it('keeps words apart across block boundaries', () => {
    expect(htmlToPlainText('<figure><img src="a.jpg" alt=""><figcaption>Merch</figcaption></figure><p><a href="/shop">Visit the shop</a></p>')).toBe(
      'Merch Visit the shop',
    );
    expect(htmlToPlainText('<ul><li>Lake Effect</li><li>Whiteout</li></ul>')).toBe('Lake Effect Whiteout');
    expect(htmlToPlainText('One<br>Two<hr>Three')).toBe('One Two Three');
  });

  it('keeps inline markup inside words intact', () => {
    expect(htmlToPlainText('<p>Out <strong>now</strong>, every<em>where</em></p>')).toBe('Out now, everywhere');
  });

  it('drops the text of iframes, scripts and other non-prose elements, and decodes entities', () => {
    expect(htmlToPlainText('<p>Listen</p><iframe src="https://bandcamp.com/x">Juniper Static</iframe><script>alert(1)</script><p>Fish &amp; chips &#8212; x&lt;y</p>')).toBe(
      'Listen Fish & chips — x<y',
    );
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
