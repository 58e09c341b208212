/**
 * Entries checked against their collection's schema and digested (what the store keeps).
 * Entries built ahead, while the sync still waits on the network, can be validated then:
 * the final entry reuses that work when it was mapped from the same client object to the
 * same rendered HTML, the one input of a post's entry that can still change (see
 * provisionalBlogEntry in entries.ts).
 */
import type { LoaderContext } from 'astro/loaders';
import type { CollectionName } from '../sync/account-data.js';
import type { MappedEntry } from '../content/entries.js';
import { StageblocSchemaError } from '../sync/errors.js';

export interface ValidatedEntry {
  mapped: MappedEntry;
  data: Record<string, unknown>;
  digest: string;
}

export interface EntryValidator {
  /** Starts validating an entry built ahead of the final mapping. */
  ahead(entry: MappedEntry): void;
  validate(entry: MappedEntry): Promise<ValidatedEntry>;
}

type Context = Pick<LoaderContext, 'parseData' | 'generateDigest'>;

export function entryValidator(collection: CollectionName, ctx: Context): EntryValidator {
  const early = new WeakMap<
    object,
    { html: string | undefined; result: Promise<Omit<ValidatedEntry, 'mapped'> & { mapped: undefined }> }
  >();

  async function validateNow(entry: MappedEntry): Promise<ValidatedEntry> {
    let data: Record<string, unknown>;
    try {
      data = await ctx.parseData({ id: entry.id, data: entry.data });
    } catch (error) {
      throw new StageblocSchemaError(
        `StageBloc ${collection} entry ${entry.id} does not fit the collection schema: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    return { mapped: entry, data, digest: ctx.generateDigest({ data: entry.data, rendered: entry.rendered ?? null }) };
  }

  return {
    ahead(entry) {
      if (!entry.source) return;
      // Only the schema's output and the digest are kept until the final entry comes: not the provisional entry.
      const result = validateNow(entry).then(({ data, digest }) => ({ mapped: undefined, data, digest }));
      // Awaited only if the final entry matches; a failure is reported then, by validate().
      result.catch(() => undefined);
      early.set(entry.source, { html: entry.rendered?.html, result });
    },
    async validate(entry) {
      const done = entry.source ? early.get(entry.source) : undefined;
      if (done && done.html === entry.rendered?.html) {
        const ahead = await done.result;
        return { ...ahead, mapped: entry };
      }
      return validateNow(entry);
    },
  };
}
