import { describe, expect, it } from 'vitest';
import { excerptOf, htmlToPlainText, sanitizeRichText } from '../../src/content/sanitize.js';

/** Markers of executable HTML: what must never survive sanitizing. */
export const EXECUTABLE =
  /<script|<svg|<math|<iframe[^>]*srcdoc|\son[a-z]+\s*=|javascript:|data:|<form|<object|<embed|<style|<template/i;

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(1)">',
  '<a href="javascript:alert(1)">click</a>',
  '<a href=" jav&#x09;ascript:alert(1)">tab</a>',
  '<a href="JaVaScRiPt:alert(1)">case</a>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="https://evil.example/x"></iframe>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">t</a></svg>',
  '<svg onload=alert(1)><animate attributeName=href values=javascript:alert(1) /></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<form action="https://evil.example"><input name=q><button formaction="javascript:alert(1)">go</button></form>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  '<object data="x.swf"></object><embed src="x.swf">',
  '<p style="background:url(javascript:alert(1))">styled</p>',
  '<template><img src=x onerror=alert(1)></template>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<<script>script>alert(1)<</script>/script>',
];

describe('sanitizeRichText', () => {
  it.each(HOSTILE)('neutralizes %s', (html) => {
    const out = sanitizeRichText(`<p>before</p>${html}<p>after</p>`) ?? '';
    expect(out).not.toMatch(EXECUTABLE);
    expect(out).toContain('before');
    expect(out).toContain('after');
  });

  it('keeps ordinary formatting and allowed embeds', () => {
    const out = sanitizeRichText(
      '<h2>Tour</h2><p><strong>New</strong> <em>dates</em><br>soon</p><ul><li>One</li></ul>' +
        '<iframe src="https://www.youtube-nocookie.com/embed/abc" width="560" height="315" allowfullscreen></iframe>' +
        '<img src="https://cdn.stagebloc.com/x.jpg" alt="Band">',
    );
    expect(out).toContain('<h2>Tour</h2>');
    expect(out).toContain('<strong>New</strong>');
    expect(out).toContain('<li>One</li>');
    expect(out).toMatch(/<iframe src="https:\/\/www\.youtube-nocookie\.com\/embed\/abc"/);
    expect(out).toMatch(/<img src="https:\/\/cdn\.stagebloc\.com\/x\.jpg" alt="Band"/);
  });

  it('gives links rel="noopener ugc" and drops target', () => {
    const out = sanitizeRichText('<a href="https://example.com" target="_blank" rel="opener">site</a>');
    expect(out).toBe('<a href="https://example.com" rel="noopener ugc">site</a>');
  });

  it('drops iframes from hosts outside the allowlist, and honours a custom list', () => {
    const html = '<iframe src="https://player.example/embed/1"></iframe>';
    expect(sanitizeRichText(html)).not.toContain('<iframe');
    expect(sanitizeRichText(html, { embedHosts: ['player.example'] })).toContain(
      '<iframe src="https://player.example/embed/1"',
    );
  });

  it('returns null for empty input', () => {
    expect(sanitizeRichText(null)).toBeNull();
    expect(sanitizeRichText('   ')).toBeNull();
  });
});

describe('plain text', () => {
  it('strips tags and scripts, decodes entities, collapses whitespace', () => {
    expect(htmlToPlainText('<p>Fish &amp; chips</p><p>x&lt;y <script>alert(1)</script>z</p>')).toBe(
      'Fish & chips x<y z',
    );
  });

  it('cuts excerpts at a word boundary', () => {
    const text = excerptOf(`<p>${'word '.repeat(100)}</p>`, 50);
    expect(text.length).toBeLessThanOrEqual(50);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/wor…$/);
  });
});
