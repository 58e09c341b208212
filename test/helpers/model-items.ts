/** Client model items for tests that need one without a simulator. */
import type { BlogEntry } from '../../src/client/model.js';

/** A published, public post; `overrides` change any field. */
export function blogEntryItem(overrides: Partial<BlogEntry> = {}): BlogEntry {
  return {
    id: 7,
    title: 'Hi',
    body: '<p>x</p>',
    status: 1,
    shortUrl: null,
    published: new Date('2024-05-01T10:00:00Z'),
    created: new Date('2024-05-01T09:00:00Z'),
    modified: new Date('2024-05-02T09:00:00Z'),
    sticky: false,
    exclusive: false,
    private: false,
    author: null,
    ...overrides,
  };
}
