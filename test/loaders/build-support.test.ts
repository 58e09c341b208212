// The detectors the build tests rely on must be able to fail.
import { describe, expect, it } from 'vitest';
import { EXECUTABLE_HTML, syncSummary } from './build-support.js';

describe('EXECUTABLE_HTML', () => {
  it.each([
    '<img src=x onerror="alert(1)">',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<script>alert(1)</script>',
    '<iframe srcdoc="<b>x</b>"></iframe>',
    '<svg onload=alert(1)>',
    '<iframe src="https://evil.example/embed"></iframe>',
    '<img src="data:image/svg+xml,x">',
    '<form action="/x">',
  ])('flags %s', (html) => expect(html).toMatch(EXECUTABLE_HTML));

  it('passes sanitized output', () => {
    expect(
      '<p>ok <a href="https://example.com" rel="noopener ugc">x</a></p><iframe src="https://www.youtube.com/embed/x" loading="lazy"></iframe>' +
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script type="application/ld+json">{}</script>',
    ).not.toMatch(EXECUTABLE_HTML);
  });
});

describe('syncSummary', () => {
  it('reads the loader summary lines', () => {
    const output = [
      '12:00:00 [astro-stagebloc] tracks: 55 entries from StageBloc; 1 added/updated, 2 removed, 52 unchanged (1.0s)',
      '12:00:00 [astro-stagebloc] blog: unchanged on StageBloc, nothing re-set (59 entries kept; checked in 0.0s)',
    ].join('\n');
    expect(syncSummary(output)).toEqual({ tracks: { updated: 1, removed: 2 }, blog: { unchanged: true } });
  });
});
