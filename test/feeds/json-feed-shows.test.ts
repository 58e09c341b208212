/** Upcoming shows and videos in the JSON Feed, next to (and sorted with) its posts and tracks. */
import { describe, expect, it } from 'vitest';
import { buildJsonFeed, jsonFeed } from '../../src/feeds/index.js';
import { NOW, TOUR_ZONES, tour, videoEntry, vimeoVideo } from '../fixtures/component-site/src/lib/tour-entries.js';

const context = { site: new URL('https://band.example'), url: new URL('https://band.example/feed.json') };
const base = {
  title: 'Juniper Static',
  description: 'News',
  timeZone: TOUR_ZONES,
  now: NOW,
  contentLength: async () => 0,
};

describe('JSON Feed with shows and videos', () => {
  it('lists upcoming shows only, saying when and where, with the ticket page as external_url', async () => {
    const feed = await buildJsonFeed(context, { ...base, events: tour() });
    expect(feed.items.map((i) => i.id).sort()).toEqual(['2', '3', '4', '6'].map((id) => `stagebloc-event-${id}`));
    const berlin = feed.items.find((i) => i.id === 'stagebloc-event-2')!;
    expect(berlin).toMatchObject({
      url: 'https://band.example/tour/2/',
      external_url: 'https://tickets.example/e/2',
      title: 'Berlin night',
      date_published: '2029-01-01T12:00:00.000Z',
    });
    expect(berlin.content_text).toMatch(
      /^Wednesday, June 12, 2030, 9:00\s*–\s*11:30\s*PM GMT\+2 · Lido, Berlin, Germany\n\nDoors at seven\.$/,
    );
    expect(feed.items.find((i) => i.id === 'stagebloc-event-3')!.external_url).toBeUndefined();
  });

  it('lists videos linking to their page on the site, or on their service, with the poster as image, newest first among the rest', async () => {
    const older = videoEntry(7);
    const newer = { ...vimeoVideo(), data: { ...vimeoVideo().data, created: new Date('2031-01-01T00:00:00Z') } };
    const onService = await buildJsonFeed(context, { ...base, videos: [older, newer], events: tour() });
    expect(onService.items[0]).toEqual({
      id: 'stagebloc-video-8',
      url: 'https://vimeo.com/76979871',
      external_url: 'https://vimeo.com/76979871',
      title: 'Studio diary',
      content_text: 'Live at the lake.',
      image: 'https://cdn.example/production/photos/1/large/video.jpeg',
      date_published: '2031-01-01T00:00:00.000Z',
      date_modified: '2029-03-02T10:00:00.000Z',
    });
    const ids = onService.items.map((i) => i.id);
    expect(ids.slice(0, 2)).toEqual(['stagebloc-video-8', 'stagebloc-video-7']);
    expect(ids.slice(2).every((id) => id.startsWith('stagebloc-event-'))).toBe(true);
    const onSite = await buildJsonFeed(context, { ...base, videos: [older], videoBase: '/videos/' });
    expect(onSite.items[0]!.url).toBe('https://band.example/videos/7/');
  });

  it('leaves private entries out and control characters out of the text', async () => {
    const hidden = { ...videoEntry(9), data: { ...videoEntry(9).data, private: true } };
    const noisy = videoEntry(10, { title: 'Tape\u0008 hiss\u0085' });
    const response = await jsonFeed(context, { ...base, videos: [hidden, noisy] });
    const text = await response.text();
    expect(text).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/);
    expect(JSON.parse(text).items.map((i: { title: string }) => i.title)).toEqual(['Tape hiss']);
  });
});
