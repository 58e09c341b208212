import { describe, expect, it } from 'vitest';
import { DEFAULT_VISIBILITY, visibilityOf } from '../../src/content/visibility.js';

describe('visibilityOf', () => {
  const item = (over: Partial<{ private: boolean; exclusive: boolean; status: 0 | 1 }>) => ({
    private: false,
    exclusive: false,
    ...over,
  });

  it('hides private items under every policy', () => {
    for (const exclusive of ['lock', 'include', 'exclude'] as const) {
      expect(visibilityOf(item({ private: true }), { drafts: true, exclusive })).toBe('hidden');
      expect(visibilityOf(item({ private: true, exclusive: true }), { drafts: true, exclusive })).toBe('hidden');
    }
  });

  it('hides drafts unless drafts: true', () => {
    expect(visibilityOf(item({ status: 0 }), DEFAULT_VISIBILITY)).toBe('hidden');
    expect(visibilityOf(item({ status: 0 }), { ...DEFAULT_VISIBILITY, drafts: true })).toBe('public');
    expect(visibilityOf(item({ status: 1 }), DEFAULT_VISIBILITY)).toBe('public');
  });

  it('locks exclusive items by default; include and exclude opt in and out', () => {
    expect(visibilityOf(item({ exclusive: true }), DEFAULT_VISIBILITY)).toBe('locked');
    expect(visibilityOf(item({ exclusive: true }), { drafts: false, exclusive: 'include' })).toBe('public');
    expect(visibilityOf(item({ exclusive: true }), { drafts: false, exclusive: 'exclude' })).toBe('hidden');
  });
});
