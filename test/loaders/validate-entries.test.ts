/**
 * Entries validated ahead (while the sync waits on the network) are reused only for the
 * same client object mapped to the same rendered HTML; anything else is validated again.
 */
import { describe, expect, it } from 'vitest';
import type { MappedEntry } from '../../src/content/entries.js';
import { StageblocSchemaError } from '../../src/sync/errors.js';
import { entryValidator } from '../../src/loaders/validate-entries.js';

function fakeContext() {
  const parsed: string[] = [];
  return {
    parsed,
    ctx: {
      parseData: async <T>({ id, data }: { id: string; data: T }) => {
        parsed.push(id);
        if ((data as { title?: unknown }).title === 42) throw new Error('title: expected string');
        return { ...data, parsedFor: id } as T;
      },
      generateDigest: (value: unknown) => JSON.stringify(value).length.toString(36) + JSON.stringify(value).slice(-8),
    },
  };
}

const post = { id: 1 };
const entry = (html: string, source: object | undefined = post, title: unknown = 'Hi'): MappedEntry => ({
  id: '1',
  data: { title },
  rendered: { html },
  ...(source ? { source } : {}),
});

describe('entry validator', () => {
  it('reuses the early result for the same source and the same HTML', async () => {
    const { ctx, parsed } = fakeContext();
    const validator = entryValidator('blog', ctx as never);
    validator.ahead(entry('<p>a</p>'));
    const final = entry('<p>a</p>');
    const result = await validator.validate(final);
    expect(parsed).toEqual(['1']);
    expect(result.mapped).toBe(final);
    expect(result.data).toEqual({ title: 'Hi', parsedFor: '1' });
    expect(result.digest).toBe(ctx.generateDigest({ data: final.data, rendered: final.rendered }));
  });

  it('validates again when the HTML changed (blocked media removed) or the source is another object', async () => {
    const { ctx, parsed } = fakeContext();
    const validator = entryValidator('blog', ctx as never);
    validator.ahead(entry('<p>a</p><img src="private.jpeg">'));
    const changed = await validator.validate(entry('<p>a</p>'));
    expect(changed.digest).toBe(ctx.generateDigest({ data: { title: 'Hi' }, rendered: { html: '<p>a</p>' } }));
    await validator.validate(entry('<p>a</p><img src="private.jpeg">', { id: 1 }));
    expect(parsed).toEqual(['1', '1', '1']);
  });

  it('reports a schema failure found ahead as a StageblocSchemaError when the entry is used, and only then', async () => {
    const { ctx } = fakeContext();
    const validator = entryValidator('blog', ctx as never);
    const bad = entry('<p>a</p>', post, 42);
    validator.ahead(bad);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(validator.validate(bad)).rejects.toSatisfy(
      (e: unknown) =>
        e instanceof StageblocSchemaError && /blog entry 1 does not fit the collection schema/.test(e.message),
    );
  });
});
