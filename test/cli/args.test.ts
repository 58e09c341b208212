import { describe, expect, it } from 'vitest';
import { idListFlag, integerFlag, numberFlag, parseCommandArgs } from '../../src/cli/args.js';
import { EXIT, UsageError, exitCodeFor } from '../../src/cli/exit-codes.js';
import { StageBlocApiError, StageBlocAuthError, StageBlocValidationError } from '../../src/client/errors.js';

const OPTIONS = {
  title: { type: 'string' },
  private: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

describe('parseCommandArgs', () => {
  it('parses flags, negations and positionals', () => {
    const parsed = parseCommandArgs('upload', ['a.wav', '--title', 'T', '--no-private'], OPTIONS, {
      min: 1,
      max: 1,
      names: 'a file',
    });
    expect(parsed.positionals).toEqual(['a.wav']);
    expect(parsed.values.title).toBe('T');
    expect(parsed.values.private).toBe(false);
  });

  it.each([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--title'], /argument missing/],
    [[], /needs a file/],
    [['a', 'b'], /Unexpected argument\(s\).*b/],
  ])('rejects %j as a usage error', (argv, message) => {
    let thrown: unknown;
    try {
      parseCommandArgs('upload', argv, OPTIONS, { min: 1, max: 1, names: 'a file' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as Error).message).toMatch(message);
    expect(exitCodeFor(thrown)).toBe(EXIT.usage);
  });

  it('lets --help through without positionals', () => {
    expect(parseCommandArgs('upload', ['-h'], OPTIONS, { min: 1, max: 1, names: 'a file' }).help).toBe(true);
  });
});

describe('value flags', () => {
  it('parse strictly', () => {
    expect(integerFlag('port', '8719')).toBe(8719);
    expect(() => integerFlag('port', '87a')).toThrow(UsageError);
    expect(() => integerFlag('port', '1.5')).toThrow(UsageError);
    expect(numberFlag('price', '1.50')).toBe(1.5);
    expect(() => numberFlag('price', 'cheap')).toThrow(UsageError);
    expect(() => numberFlag('price', '')).toThrow(UsageError);
    expect(idListFlag('playlist', '4, 17')).toEqual([4, 17]);
    expect(() => idListFlag('playlist', '4,x')).toThrow(UsageError);
  });
});

describe('exitCodeFor', () => {
  it('maps failures to the documented codes', () => {
    expect(exitCodeFor(new StageBlocAuthError('no', '/audio/list', 401))).toBe(EXIT.auth);
    expect(exitCodeFor(new StageBlocApiError('Unauthorized', '/audio/list', 401))).toBe(EXIT.auth);
    expect(exitCodeFor(new StageBlocApiError('boom', '/audio/list', 500))).toBe(EXIT.failure);
    expect(exitCodeFor(new StageBlocValidationError(['title too long'], '/audio/edit'))).toBe(EXIT.validation);
    expect(exitCodeFor(new Error('other'))).toBe(EXIT.failure);
  });
});
