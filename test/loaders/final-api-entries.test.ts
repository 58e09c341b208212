/**
 * The final docs' collections below the builds: a video's player through the embed-host
 * allowlist, the account profile's fallbacks (token info when no account is marked
 * authenticated), and the loaders' schemas against the entry types pages are written for.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'astro/zod';
import { createClient } from '../../src/client/index.js';
import { sanitizeEmbedCode } from '../../src/content/sanitize.js';
import type { AccountData, EventData, StatusData, VideoData } from '../../src/entries/types.js';
import type { accountSchema, eventsSchema, statusesSchema, videosSchema } from '../../src/loaders/schemas.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { apiSource } from '../../src/sync/sources.js';

// The loaders' output is exactly the contract pages are written against (entries/types.ts).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _LoadersMatchEntryTypes = [
  Assert<Same<z.output<typeof eventsSchema>, EventData>>,
  Assert<Same<z.output<typeof videosSchema>, VideoData>>,
  Assert<Same<z.output<typeof statusesSchema>, StatusData>>,
  Assert<Same<z.output<typeof accountSchema>, AccountData>>,
];

describe('sanitizeEmbedCode', () => {
  it('keeps an allowlisted iframe (lazy, without presentational attributes) and gives its src', () => {
    const embed = sanitizeEmbedCode(
      '<iframe width="560" height="315" src="https://www.youtube.com/embed/x?feature=oembed" frameborder="0" allowfullscreen title="T"></iframe>',
    );
    expect(embed).toEqual({
      html: '<iframe width="560" height="315" src="https://www.youtube.com/embed/x?feature=oembed" allowfullscreen title="T" loading="lazy"></iframe>',
      src: 'https://www.youtube.com/embed/x?feature=oembed',
    });
  });

  it("upgrades an http player on an allowlisted host (the docs' example) and decodes nothing twice", () => {
    const embed = sanitizeEmbedCode(
      '<iframe src="http://www.youtube.com/embed/oHg5SJYRHA0?fs=1&amp;feature=oembed"></iframe>',
    );
    expect(embed.src).toBe('https://www.youtube.com/embed/oHg5SJYRHA0?fs=1&feature=oembed');
    expect(embed.html).toContain('src="https://www.youtube.com/embed/oHg5SJYRHA0?fs=1&amp;feature=oembed"');
  });

  it.each([
    ['a host not on the list', '<iframe src="https://evil.example/embed/1"></iframe>'],
    ['a script', '<script>alert(1)</script>'],
    ['a javascript: src', '<iframe src="javascript:alert(1)"></iframe>'],
    ['markup around nothing', '<p>Watch <a href="https://www.youtube.com/watch?v=x">here</a></p>'],
    [
      'an object player',
      '<object data="https://www.youtube.com/v/x"><embed src="https://www.youtube.com/v/x"></object>',
    ],
  ])('leaves nothing of %s', (_name, html) => {
    expect(sanitizeEmbedCode(html)).toEqual({ html: null, src: null });
  });

  it("uses the site's embed hosts when it names them, and keeps only iframes of a mixed answer", () => {
    const code =
      '<div><iframe src="https://player.example/v/1"></iframe> text <img src="https://x.example/a.jpg"></div>';
    expect(sanitizeEmbedCode(code).html).toBeNull();
    expect(sanitizeEmbedCode(code, { embedHosts: ['player.example'] })).toEqual({
      html: '<iframe src="https://player.example/v/1" loading="lazy"></iframe>',
      src: 'https://player.example/v/1',
    });
  });
});

describe('the account profile', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ now: '2026-12-06T12:00:00Z' });
  });
  afterAll(async () => {
    await sim?.close();
  });

  const profile = async () => {
    const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, retries: 0 });
    const warnings: string[] = [];
    const source = apiSource(client, { drafts: false });
    const content = await source.fetch(['account'], { progress: () => undefined, warn: (m) => warnings.push(m) });
    return { account: content.account, warnings };
  };

  it('is the account /accounts/list marks authenticated: one request', async () => {
    sim.clearRequests();
    const { account } = await profile();
    expect(account?.map((a) => a.name)).toEqual(['Juniper Static']);
    expect(sim.requests.map((r) => r.endpoint)).toEqual(['/accounts/list']);
  });

  it('without that mark, the one token info names, with its full record from the list', async () => {
    const saved = sim.account.accounts.map((a) => a.authenticated);
    for (const a of sim.account.accounts) a.authenticated = false;
    try {
      const { account, warnings } = await profile();
      expect(account).toHaveLength(1);
      expect(account![0]).toMatchObject({
        id: 4242,
        name: 'Juniper Static',
        authenticated: true,
        description: expect.stringContaining('Duluth'),
      });
      expect(Object.keys(account![0]!.images)).toContain('large');
      expect(warnings).toEqual([]);
      // Token info still says 4242 (its own record is kept in tokenOwner): drop the band from the list.
      const band = sim.account.accounts.shift()!;
      try {
        const fromInfo = await profile();
        expect(fromInfo.account).toEqual([
          {
            id: 4242,
            name: 'Juniper Static',
            stageblocUrl: 'juniperstatic',
            authenticated: true,
            description: null,
            images: {},
          },
        ]);
      } finally {
        sim.account.accounts.unshift(band);
      }
      sim.injectFault({ kind: 'status', status: 404, path: '/oauth2/token/info' });
      const none = await profile();
      expect(none.account).toEqual([]);
      expect(none.warnings).toHaveLength(1);
    } finally {
      sim.clearFaults();
      for (const [i, a] of sim.account.accounts.entries()) a.authenticated = saved[i]!;
    }
  });
});
