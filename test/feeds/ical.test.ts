/**
 * The iCalendar feeds, written by ical-generator, read back by a second, independent
 * iCalendar parser (Mozilla's ical.js): how many shows, their start and end instants and
 * zones, summary, location, URL and description, and that the text is clean.
 */
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { eventFileString, eventsCalendarString, webcalUrl } from '../../src/feeds/index.js';
import { NOW, TOUR_ZONES, eventEntry, tour } from '../fixtures/component-site/src/lib/tour-entries.js';

const context = { site: new URL('https://band.example') };
const options = {
  title: 'Juniper Static: tour dates',
  description: 'Shows near you',
  events: tour(),
  timeZone: TOUR_ZONES,
  now: NOW,
};

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
  return { calendar, events, byUid: Object.fromEntries(events.map((e) => [e.uid, e])) };
}

describe('eventsCalendarString', () => {
  it('holds the upcoming shows only, with stable ids', () => {
    const { calendar, events } = parse(eventsCalendarString(context, options));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Juniper Static: tour dates');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(String(calendar.getFirstPropertyValue('refresh-interval'))).toBe('PT12H');
    expect(events.map((e) => e.uid)).toEqual(['2', '3', '4', '6'].map((id) => `stagebloc-event-${id}@band.example`));
  });

  it('gives a show with a known zone its UTC instants, and its summary, location, URL and ticket link', () => {
    const { byUid } = parse(eventsCalendarString(context, options));
    const berlin = byUid['stagebloc-event-2@band.example']!;
    expect(berlin.startDate.zone?.tzid).toBe('UTC');
    // 21:00 in Berlin in summer (UTC+2), computed independently of the code under test.
    expect(berlin.startDate.toJSDate().toISOString()).toBe('2030-06-12T19:00:00.000Z');
    expect(berlin.endDate.toJSDate().toISOString()).toBe('2030-06-12T21:30:00.000Z');
    expect(berlin.summary).toBe('Berlin night');
    expect(berlin.location).toBe('Lido, 1 Main St, Berlin, 10115, Germany');
    expect(berlin.component.getFirstPropertyValue('url')).toBe('https://band.example/tour/2/');
    expect(berlin.description).toBe('Doors at seven.\n\nTickets: https://tickets.example/e/2');
    const duluth = byUid['stagebloc-event-3@band.example']!;
    expect(duluth.startDate.toJSDate().toISOString()).toBe('2030-06-21T00:30:00.000Z');
    expect(duluth.description).toBe('Doors at seven.\n\nSold out.');
  });

  it('writes the wall clock as a floating time where no zone is known', () => {
    const { byUid } = parse(eventsCalendarString(context, options));
    const tokyo = byUid['stagebloc-event-6@band.example']!;
    expect(tokyo.startDate.zone?.tzid).toBe('floating');
    expect([
      tokyo.startDate.year,
      tokyo.startDate.month,
      tokyo.startDate.day,
      tokyo.startDate.hour,
      tokyo.startDate.minute,
    ]).toEqual([2030, 8, 1, 19, 0]);
  });

  it('is the same file for the same data (no build clock in it)', () => {
    expect(eventsCalendarString(context, options)).toBe(eventsCalendarString(context, { ...options, events: tour() }));
  });

  it('takes links from eventLink and leaves every control character out', () => {
    const noisy = eventEntry(20, {
      title: 'Bell\u0007 and\u0000 null\u009f',
      descriptionHtml: '<p>Line\u000b break</p>',
      startLocal: '2030-09-01T20:00:00',
    });
    const text = eventsCalendarString(context, {
      ...options,
      events: [noisy],
      eventLink: (e) => `/shows/${e.id}.html`,
    });
    expect(text).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/);
    const [event] = parse(text).events;
    expect(event!.summary).toBe('Bell and null');
    expect(event!.component.getFirstPropertyValue('url')).toBe('https://band.example/shows/20.html');
  });

  it('leaves a private show out', () => {
    const hidden = eventEntry(30, { startLocal: '2030-09-01T20:00:00', private: true });
    expect(
      parse(eventsCalendarString(context, { ...options, events: [...tour(), hidden] })).events.map((e) => e.uid),
    ).not.toContain('stagebloc-event-30@band.example');
  });

  it('needs a site for its absolute URLs', () => {
    expect(() => eventsCalendarString({}, options)).toThrow(/set `site`/);
  });
});

describe('eventFileString', () => {
  it('is a calendar of exactly one show, past or not', () => {
    const { events } = parse(
      eventFileString(context, { title: 'Spring warm-up', event: tour()[0]!, timeZone: TOUR_ZONES }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('Spring warm-up');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2030-05-03T01:00:00.000Z');
    expect(events[0]!.endDate).toBeTruthy();
  });
});

describe('webcalUrl', () => {
  it('turns the calendar’s URL into a subscription link', () => {
    expect(webcalUrl('/tour.ics', 'https://band.example')).toBe('webcal://band.example/tour.ics');
    expect(webcalUrl('https://band.example:8443/a/tour.ics?v=2', 'https://x.example')).toBe(
      'webcal://band.example:8443/a/tour.ics?v=2',
    );
    expect(() => webcalUrl('javascript:alert(1)', 'https://band.example')).toThrow(TypeError);
  });
});
