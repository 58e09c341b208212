/**
 * A built page must not present a show as upcoming once it has taken place. Each upcoming
 * row (and an event's page) carries the instant it stops being upcoming (`data-past-after`);
 * on every view, rows whose instant has come move to the top of the past list, or leave a
 * list that shows no past shows, and lose their ticket and calendar links. Idempotent:
 * a retired row no longer carries the attribute.
 */
export function retireTourDates(now: number = Date.now()): void {
  for (const tour of document.querySelectorAll<HTMLElement>('[data-stagebloc-tour]')) {
    const upcoming = tour.querySelector<HTMLElement>('[data-tour-upcoming] ol');
    if (!upcoming) continue;
    const passed = [...upcoming.querySelectorAll<HTMLElement>(':scope > li[data-past-after]')].filter((row) =>
      hasPassed(row, now),
    );
    if (passed.length === 0) continue;
    const pastSection = tour.querySelector<HTMLElement>('[data-tour-past]');
    const pastList = pastSection?.querySelector('ol');
    // Upcoming rows are soonest first and the past list latest first: prepending in order reverses them.
    for (const row of passed) {
      retire(row);
      if (pastList) pastList.prepend(row);
      else row.remove();
    }
    if (pastSection && pastList) pastSection.hidden = false;
    const empty = tour.querySelector<HTMLElement>('[data-tour-empty]');
    if (empty && !upcoming.querySelector(':scope > li')) empty.hidden = false;
  }
  for (const page of document.querySelectorAll<HTMLElement>('[data-stagebloc-event-page][data-past-after]')) {
    if (!hasPassed(page, now)) continue;
    retire(page);
    const note = page.querySelector<HTMLElement>('[data-event-passed]');
    if (note) note.hidden = false;
  }
}

function hasPassed(element: HTMLElement, now: number): boolean {
  const after = Date.parse(element.dataset.pastAfter ?? '');
  return Number.isFinite(after) && after <= now;
}

function retire(element: HTMLElement): void {
  element.removeAttribute('data-past-after');
  element.dataset.passed = '';
  element.querySelector('.sb-event')?.classList.add('sb-is-past');
  // Removed rather than hidden: a component's own `display` would win over [hidden].
  for (const link of element.querySelectorAll('[data-event-tickets], [data-event-calendar]')) link.remove();
}
