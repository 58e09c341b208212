/**
 * The tour, video and status components rendered with Astro's Container API from
 * hand-made entries (test/fixtures/component-site/src/lib/tour-entries.ts), asserted on the
 * parsed DOM and on their JSON-LD, read back and checked field by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEntry } from '../../src/entries/types.js';
import {
  NOW,
  TOUR_ZONES,
  eventEntry,
  statusEntry,
  tour,
  videoEntry,
  vimeoVideo,
} from '../fixtures/component-site/src/lib/tour-entries.js';
import { accessibleName, all, one, parse, text } from './dom.js';
import { SITE, startComponentRenderer, type ComponentRenderer } from './render.js';

let renderer: ComponentRenderer;

beforeAll(async () => {
  renderer = await startComponentRenderer();
});

afterAll(async () => {
  await renderer?.close();
});

const render = async (name: string, props: Record<string, unknown>) => parse(await renderer.render(name, props));
const rowOf = (doc: Document, id: string) => one(doc, `li[data-stagebloc-event="${id}"]`);
const idsIn = (doc: Document, section: string) =>
  all(doc, `[${section}] li`).map((li) => li.getAttribute('data-stagebloc-event'));
const jsonLdOf = (doc: Document) =>
  all(doc, 'script[type="application/ld+json"]').map((s) => JSON.parse(s.textContent ?? 'null') as Record<string, any>);

/** Structural checks of a MusicEvent against what Google's event rich results read. */
function expectMusicEvent(ld: Record<string, any>): void {
  expect(ld['@context']).toBe('https://schema.org');
  expect(ld['@type']).toBe('MusicEvent');
  expect(typeof ld.name).toBe('string');
  expect(ld.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2})?$/);
  expect(ld.eventStatus).toBe('https://schema.org/EventScheduled');
  expect(ld.eventAttendanceMode).toBe('https://schema.org/OfflineEventAttendanceMode');
  if (ld.location) {
    expect(ld.location['@type']).toBe('Place');
    expect(ld.location.address['@type']).toBe('PostalAddress');
  }
  if (ld.offers) {
    expect(ld.offers['@type']).toBe('Offer');
    expect(['https://schema.org/InStock', 'https://schema.org/SoldOut']).toContain(ld.offers.availability);
    if (ld.offers.price !== undefined) expect(ld.offers.price).toMatch(/^\d+(\.\d+)?$/);
  }
  for (const performer of ld.performer ?? []) expect(['MusicGroup', 'PerformingGroup']).toContain(performer['@type']);
}

describe('TourDates', () => {
  const props = { events: tour(), timeZone: TOUR_ZONES, now: NOW, base: '/tour/', artist: 'Juniper Static' };

  it('lists upcoming shows soonest first and past shows latest first, as of `now`', async () => {
    const doc = await render('TourDates', props);
    expect(idsIn(doc, 'data-tour-upcoming')).toEqual(['2', '3', '4', '6']);
    expect(idsIn(doc, 'data-tour-past')).toEqual(['1', '5']);
    expect(text(one(doc, '[data-tour-upcoming] h2'))).toBe('Upcoming shows');
    expect(text(one(doc, '[data-tour-past] h2'))).toBe('Past shows');
    expect(all(doc, 'li h3 a').map((a) => a.getAttribute('href'))).toEqual([
      '/tour/2/',
      '/tour/3/',
      '/tour/4/',
      '/tour/6/',
      '/tour/1/',
      '/tour/5/',
    ]);
    expect(one(doc, '[data-tour-empty]').hasAttribute('hidden')).toBe(true);
  });

  it('shows each date in its venue’s zone, with the offset in the machine-readable date, and a bare wall clock where no zone is known', async () => {
    const doc = await render('TourDates', props);
    const berlin = one(rowOf(doc, '2'), 'time');
    expect(berlin.getAttribute('datetime')).toBe('2030-06-12T21:00:00+02:00');
    expect(text(berlin)).toMatch(/Jun 12, 2030.*9:00\s*–\s*11:30\s*PM GMT\+2/);
    const duluth = one(rowOf(doc, '3'), 'time');
    expect(duluth.getAttribute('datetime')).toBe('2030-06-20T19:30:00-05:00');
    expect(text(duluth)).toMatch(/Thu, Jun 20, 2030.*7:30\s*PM CDT/);
    const tokyo = one(rowOf(doc, '6'), 'time');
    expect(tokyo.getAttribute('datetime')).toBe('2030-08-01T19:00:00');
    expect(text(tokyo)).toMatch(/Aug 1, 2030.*7:00\s*PM$/);
  });

  it('carries the instant each upcoming show stops being upcoming: its end, else the end of its day at the venue', async () => {
    const doc = await render('TourDates', props);
    expect(rowOf(doc, '2').getAttribute('data-past-after')).toBe('2030-06-12T21:30:00.000Z');
    expect(rowOf(doc, '3').getAttribute('data-past-after')).toBe('2030-06-21T05:00:00.000Z');
    // No zone: once that day is over everywhere (UTC−12).
    expect(rowOf(doc, '6').getAttribute('data-past-after')).toBe('2030-08-02T12:00:00.000Z');
    expect(rowOf(doc, '1').hasAttribute('data-past-after')).toBe(false);
  });

  it('gives venue, city, collaborators, admission and a fully named ticket link; sold-out, free and past shows have none', async () => {
    const doc = await render('TourDates', props);
    const berlin = rowOf(doc, '2');
    expect(text(one(berlin, '.sb-event-place'))).toBe('Lido Berlin, Germany');
    expect(text(one(berlin, '.sb-event-with'))).toBe('with Dirt Nasty and The Lake Effect');
    const tickets = one(berlin, 'a[data-event-tickets]');
    expect(tickets.getAttribute('href')).toBe('https://tickets.example/e/2');
    expect(accessibleName(tickets)).toBe('Tickets for Berlin night, Wed, Jun 12, 2030');
    expect(text(one(berlin, '.sb-event-admission'))).toBe('All ages');
    expect(text(one(berlin, '.sb-event-venue'))).toBe('Lido');
    expect(one(rowOf(doc, '3'), '.sb-event-venue a').getAttribute('href')).toBe('https://sacredpines.example/');

    expect(text(one(rowOf(doc, '3'), '.sb-event-admission'))).toBe('Sold out 18+');
    expect(rowOf(doc, '3').querySelector('a[data-event-tickets]')).toBeNull();
    expect(text(one(rowOf(doc, '4'), '.sb-event-admission'))).toBe('Free All ages');
    expect(rowOf(doc, '4').querySelector('a[data-event-tickets]')).toBeNull();
    expect(text(one(rowOf(doc, '1'), '.sb-event-admission'))).toBe('21+');
    expect(rowOf(doc, '1').querySelector('a[data-event-tickets]')).toBeNull();
  });

  it('describes every show as a MusicEvent: offset start, Place with PostalAddress, Offer, performers, status and mode', async () => {
    const doc = await render('TourDates', props);
    const events = jsonLdOf(doc);
    expect(events).toHaveLength(6);
    events.forEach(expectMusicEvent);
    const byName = Object.fromEntries(events.map((e) => [e.name, e]));
    const berlin = byName['Berlin night']!;
    expect(berlin).toMatchObject({
      '@id': `${SITE}/tour/2/`,
      url: `${SITE}/tour/2/`,
      startDate: '2030-06-12T21:00:00+02:00',
      endDate: '2030-06-12T23:30:00+02:00',
      description: 'Doors at seven.',
      location: {
        name: 'Lido',
        address: {
          addressLocality: 'Berlin',
          addressCountry: 'Germany',
          streetAddress: '1 Main St',
          postalCode: '10115',
        },
      },
      offers: {
        url: 'https://tickets.example/e/2',
        price: '22.50',
        priceCurrency: 'EUR',
        availability: 'https://schema.org/InStock',
      },
    });
    expect(berlin.performer).toEqual([
      { '@type': 'MusicGroup', name: 'Juniper Static' },
      { '@type': 'PerformingGroup', name: 'Dirt Nasty', url: 'http://dirtnasty.example/' },
      { '@type': 'PerformingGroup', name: 'The Lake Effect' },
    ]);
    expect(byName['Sold-out hometown show']!.offers.availability).toBe('https://schema.org/SoldOut');
    expect(byName['Sold-out hometown show']!.typicalAgeRange).toBe('18-');
    expect(byName['Free park show']!.offers).toEqual({
      '@type': 'Offer',
      url: `${SITE}/tour/4/`,
      price: '0',
      priceCurrency: 'USD',
      availability: 'https://schema.org/InStock',
    });
    expect(byName['Tokyo']!.startDate).toBe('2030-08-01T19:00:00');
    expect(byName['Winter shows']!.location).toBeUndefined();
    expect(byName['Winter shows']!.offers).toBeUndefined();
  });

  it('takes the zone from a function per event, or one zone for all', async () => {
    const byFunction = await render('TourDates', {
      ...props,
      timeZone: (e: EventEntry) => (e.data.location?.address?.country === 'Japan' ? 'Asia/Tokyo' : 'America/Chicago'),
    });
    expect(one(rowOf(byFunction, '6'), 'time').getAttribute('datetime')).toBe('2030-08-01T19:00:00+09:00');
    expect(one(rowOf(byFunction, '2'), 'time').getAttribute('datetime')).toBe('2030-06-12T21:00:00-05:00');
    const single = await render('TourDates', { ...props, timeZone: 'Europe/London' });
    expect(one(rowOf(single, '3'), 'time').getAttribute('datetime')).toBe('2030-06-20T19:30:00+01:00');
    const rules = await render('TourDates', {
      ...props,
      timeZone: { venues: { lido: 'Europe/Paris' }, default: 'UTC' },
    });
    expect(one(rowOf(rules, '2'), 'time').getAttribute('datetime')).toBe('2030-06-12T21:00:00+02:00');
    expect(one(rowOf(rules, '3'), 'time').getAttribute('datetime')).toBe('2030-06-20T19:30:00+00:00');
  });

  it('fails loudly on a zone name that is not an IANA zone', async () => {
    await expect(renderer.render('TourDates', { ...props, timeZone: 'Central Time' })).rejects.toThrow(
      /"Central Time" is not an IANA time zone/,
    );
  });

  it('shows only the list asked for, a limited past, labels given, and says so when nothing is upcoming', async () => {
    const upcomingOnly = await render('TourDates', { ...props, show: 'upcoming' });
    expect(upcomingOnly.querySelector('[data-tour-past]')).toBeNull();
    expect(jsonLdOf(upcomingOnly)).toHaveLength(4);
    const pastOnly = await render('TourDates', { ...props, show: 'past', pastLimit: 1, labels: { past: 'Earlier' } });
    expect(pastOnly.querySelector('[data-tour-upcoming]')).toBeNull();
    expect(idsIn(pastOnly, 'data-tour-past')).toEqual(['1']);
    expect(text(one(pastOnly, 'h2'))).toBe('Earlier');
    const nothingAhead = await render('TourDates', { ...props, events: tour().slice(0, 1) });
    expect(one(nothingAhead, '[data-tour-empty]').hasAttribute('hidden')).toBe(false);
    expect(text(one(nothingAhead, '[data-tour-empty]'))).toBe('No upcoming shows right now.');
    const noPast = await render('TourDates', { ...props, events: tour().slice(1, 3) });
    expect(one(noPast, '[data-tour-past]').hasAttribute('hidden')).toBe(true);
    expect(jsonLdOf(await render('TourDates', { ...props, structuredData: false }))).toEqual([]);
    const headless = await render('TourDates', { ...props, headings: false, headingLevel: 3 });
    expect(headless.querySelector('h2')).toBeNull();
    expect(accessibleName(one(headless, '[data-tour-upcoming]'))).toBe('Upcoming shows');
    expect(all(headless, 'li h3').length).toBe(6);
  });
});

describe('EventDetails', () => {
  const berlin = () => tour()[1]!;

  it('renders an upcoming show: date in the venue’s zone, address, line-up, price, ticket and calendar links, description, JSON-LD', async () => {
    const doc = await render('EventDetails', {
      event: berlin(),
      timeZone: TOUR_ZONES,
      now: NOW,
      calendarHref: (e: EventEntry) => `/tour/${e.id}.ics`,
      artist: 'Juniper Static',
      url: '/tour/2/',
    });
    const article = one(doc, 'article');
    expect(accessibleName(article)).toBe('Berlin night');
    expect(one(doc, 'h1').textContent).toBe('Berlin night');
    expect(one(article, 'time').getAttribute('datetime')).toBe('2030-06-12T21:00:00+02:00');
    expect(text(one(article, 'time'))).toMatch(/^Wednesday, June 12, 2030, 9:00\s*–\s*11:30\s*PM GMT\+2$/);
    expect(text(one(article, 'address'))).toBe('Lido 1 Main St, Berlin, 10115, Germany');
    expect(all(article, '.sb-event-lineup li').map(text)).toEqual(['Dirt Nasty', 'The Lake Effect']);
    expect(text(one(article, '.sb-event-admission'))).toBe('€22.50 All ages');
    expect(one(article, 'a[data-event-tickets]').getAttribute('href')).toBe('https://tickets.example/e/2');
    expect(one(article, 'a[data-event-calendar]').getAttribute('href')).toBe('/tour/2.ics');
    expect(text(one(article, '.sb-event-description'))).toBe('Doors at seven.');
    expect(one(article, '[data-event-passed]').hasAttribute('hidden')).toBe(true);
    expect(article.getAttribute('data-past-after')).toBe('2030-06-12T21:30:00.000Z');
    const [ld] = jsonLdOf(doc);
    expectMusicEvent(ld!);
    expect(ld!.url).toBe(`${SITE}/tour/2/`);
  });

  it('says a past show has taken place and offers no tickets or calendar file', async () => {
    const doc = await render('EventDetails', {
      event: berlin(),
      timeZone: TOUR_ZONES,
      now: new Date('2030-06-13T00:00:00Z'),
      calendarHref: '/x.ics',
    });
    const article = one(doc, 'article');
    expect(one(article, '[data-event-passed]').hasAttribute('hidden')).toBe(false);
    expect(text(one(article, '[data-event-passed]'))).toBe('This show has taken place.');
    expect(article.querySelector('a[data-event-tickets], a[data-event-calendar]')).toBeNull();
    expect(article.hasAttribute('data-past-after')).toBe(false);
  });

  it('shows a sold-out, 21+ show without a ticket link', async () => {
    const doc = await render('EventDetails', { event: eventEntry(9, { soldOut: true, minimumAge: 21 }), now: NOW });
    expect(text(one(doc, '.sb-event-admission'))).toBe('Sold out $15.00 21+');
    expect(doc.querySelector('a[data-event-tickets]')).toBeNull();
  });
});

describe('VideoEmbed', () => {
  it('ships a link to the video’s page with its own poster, and the allowlisted player URL for the script; no iframe', async () => {
    const doc = await render('VideoEmbed', { video: videoEntry(7), url: '/videos/#video-7' });
    expect(doc.querySelector('iframe')).toBeNull();
    const link = one(doc, 'a[data-video-poster]');
    expect(link.getAttribute('href')).toBe('https://www.youtube.com/watch?v=oHg5SJYRHA0');
    expect(link.getAttribute('data-embed-url')).toBe('https://www.youtube.com/embed/oHg5SJYRHA0?feature=oembed');
    expect(accessibleName(link)).toBe('Watch on YouTube: Video 7');
    const img = one(link, 'img');
    expect(img.getAttribute('src')).toBe('https://cdn.example/production/photos/1/large/video.jpeg');
    expect(img.getAttribute('alt')).toBe('');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(text(one(doc, 'h3'))).toBe('Video 7');
    // The page never names YouTube's or Vimeo's hosts as a source of anything.
    for (const element of all(doc, '[src], [srcset]'))
      expect(element.getAttribute('src') ?? '').not.toMatch(/youtube|vimeo/);

    const [ld] = jsonLdOf(doc);
    expect(ld).toEqual({
      '@context': 'https://schema.org',
      '@type': 'VideoObject',
      '@id': `${SITE}/videos/#video-7`,
      name: 'Video 7',
      description: 'Live at the lake.',
      thumbnailUrl: ['https://cdn.example/production/photos/1/large/video.jpeg'],
      uploadDate: '2029-03-01T10:00:00.000Z',
      embedUrl: 'https://www.youtube.com/embed/oHg5SJYRHA0?feature=oembed',
      url: `${SITE}/videos/#video-7`,
      sameAs: 'https://www.youtube.com/watch?v=oHg5SJYRHA0',
    });
  });

  it('names Vimeo, and has nothing to play when the embed URL is not https', async () => {
    expect(accessibleName(one(await render('VideoEmbed', { video: vimeoVideo() }), 'a'))).toBe(
      'Watch on Vimeo: Studio diary',
    );
    const insecure = await render('VideoEmbed', {
      video: videoEntry(9, { embedUrl: 'http://www.youtube.com/embed/x' }),
    });
    expect(one(insecure, 'a[data-video-poster]').hasAttribute('data-embed-url')).toBe(false);
    const nothing = await render('VideoEmbed', {
      video: videoEntry(10, { rawUrl: null, embedUrl: null, embedHtml: null }),
    });
    expect(nothing.querySelector('a')).toBeNull();
    expect(text(one(nothing, '.sb-video-poster'))).toBe('Video unavailable');
  });
});

describe('StatusFeed', () => {
  const statuses = () => [
    statusEntry(1, 'Rehearsal tonight.', '2030-01-02T10:00:00Z'),
    statusEntry(2, 'New record\nout Friday!', '2030-02-03T10:00:00Z', null),
    statusEntry(3, 'Van fixed.', '2030-01-20T10:00:00Z'),
  ];

  it('lists statuses newest first with their dates, authors and links', async () => {
    const doc = await render('StatusFeed', { statuses: statuses(), label: 'Updates' });
    const list = one(doc, 'ol');
    expect(accessibleName(list)).toBe('Updates');
    expect(all(list, 'li').map((li) => li.getAttribute('data-status'))).toEqual(['2', '3', '1']);
    const first = one(list, 'li');
    expect(one(first, '.sb-status-text').textContent).toBe('New record\nout Friday!');
    expect(one(first, 'time').getAttribute('datetime')).toBe('2030-02-03T10:00:00.000Z');
    expect(text(one(first, 'time'))).toBe('February 3, 2030');
    expect(first.querySelector('a')).toBeNull();
    expect(one(all(list, 'li')[1]!, 'a').getAttribute('href')).toBe('http://stgb.lc/s/3');
    expect(text(one(first, '.sb-status-author'))).toBe('Nora Vance');
  });

  it('gives the latest status alone with limit 1, and an empty note without statuses', async () => {
    expect(all(await render('StatusFeed', { statuses: statuses(), limit: 1 }), 'li').map(text)).toEqual([
      expect.stringContaining('New record'),
    ]);
    expect(text(one(await render('StatusFeed', { statuses: [] }), 'p'))).toBe('No updates yet.');
  });
});
