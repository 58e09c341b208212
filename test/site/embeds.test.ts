import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { deferEmbeds } from '../../example-site/src/lib/embeds.js';

// Input shaped like the loaders' sanitized HTML (sanitize-html's attribute quoting).
const youtube =
  '<iframe width="560" height="315" src="https://www.youtube.com/embed/M7lc1UVf-VE" title="Our &quot;new&quot; video" allowfullscreen loading="lazy"></iframe>';
const bandcamp =
  '<iframe src="https://bandcamp.com/EmbeddedPlayer/album=1/size=large/?a=1&amp;b=2" loading="lazy"><a href="https://example.org">fallback</a></iframe>';

describe('deferEmbeds (example site: click-to-load players in blog bodies)', () => {
  it('replaces every iframe with a link to the player and keeps the rest of the body', () => {
    const html = deferEmbeds(`<p>Before</p>${youtube}<p>Between</p>${bandcamp}<p>After</p>`);
    const { document } = parseHTML(`<div id="root">${html}</div>`);
    expect(document.querySelectorAll('iframe')).toHaveLength(0);
    expect([...document.querySelectorAll('p')].map((p) => p.textContent)).toEqual(['Before', 'Between', 'After']);
    const figures = [...document.querySelectorAll('figure.embed')];
    expect(figures).toHaveLength(2);
    const [yt, bc] = figures;
    expect(yt!.querySelector('a')!.getAttribute('href')).toBe('https://www.youtube.com/embed/M7lc1UVf-VE');
    expect(yt!.querySelector('a')!.textContent).toBe('Load the YouTube player');
    expect(yt!.getAttribute('data-embed-title')).toBe('Our "new" video');
    expect(yt!.getAttribute('style')).toContain('560 / 315');
    // Entities in the URL stay entities in the markup, so the browser sees the same URL.
    expect(bc!.querySelector('a')!.getAttribute('href')).toBe(
      'https://bandcamp.com/EmbeddedPlayer/album=1/size=large/?a=1&b=2',
    );
    expect(bc!.querySelector('a')!.textContent).toBe('Load the Bandcamp player');
    // The fallback content inside the iframe is not carried over.
    expect(html).not.toContain('fallback');
  });

  it('leaves HTML without iframes untouched and drops iframes it cannot read', () => {
    expect(deferEmbeds('<p>Just <strong>text</strong></p>')).toBe('<p>Just <strong>text</strong></p>');
    expect(deferEmbeds('<p>a</p><iframe title="x"></iframe>')).toBe('<p>a</p>');
    expect(deferEmbeds('<iframe src="not a url"></iframe>')).toBe('');
  });
});
