/**
 * Rich text prepared while the sync waits on the network must be exactly what sanitizing
 * afterwards, with the account's blocked media URLs, gives: checked on generated HTML with
 * generated blocked sets, since a prepared body that kept a blocked URL would publish a
 * private file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createIdleQueue } from '../../src/sync/idle-queue.js';
import { directRichText, preparedRichText } from '../../src/content/rich-text.js';
import { sanitizeRichText } from '../../src/content/sanitize.js';

const URLS = [
  'https://cdn.stagebloc.com/production/photos/1/large/a.jpeg',
  'https://cdn.stagebloc.com/production/photos/1/large/b.jpeg',
  'https://cdn.stagebloc.com/production/audio/1/mp3_128kb/c.mp3',
  'https://www.youtube.com/embed/xyz',
  'https://example.com/page?a=1&b=2',
];

const url = fc.constantFrom(...URLS);
const text = fc.constantFrom('Tour dates', 'new <b>single</b>', '&amp; more', '', 'Merch');
const element: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    url.map((u) => `<img src="${u}" alt="x">`),
    fc.tuple(url, tie('node')).map(([u, inner]) => `<a href="${u.replace(/&/g, '&amp;')}">${inner}</a>`),
    url.map((u) => `<iframe src="${u}"></iframe>`),
    fc.tuple(url, tie('node')).map(([u, inner]) => `<video src="${u}">${inner}</video>`),
    fc
      .tuple(fc.constantFrom('p', 'figure', 'div', 'script', 'svg'), fc.array(tie('node'), { maxLength: 3 }))
      .map(([tag, kids]) => `<${tag}>${kids.join('')}</${tag}>`),
  ),
})).node;
const html = fc.array(element, { maxLength: 5 }).map((parts) => parts.join(''));
const blockedSet = fc.subarray(URLS).map((list) => new Set(list));

describe('prepared rich text', () => {
  it('gives what sanitizing with the blocked URLs gives, whatever turns out to be blocked', () => {
    fc.assert(
      fc.property(html, blockedSet, (input, blocked) => {
        const idle = createIdleQueue();
        const prepared = preparedRichText({}, idle);
        prepared.prepare(input, { excerpt: true });
        idle.drain();
        expect(prepared.sanitize(input, blocked)).toBe(sanitizeRichText(input, { blockedUrls: blocked }));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same HTML again for the same blocked URLs, and another for others (blocked results are remembered)', () => {
    fc.assert(
      fc.property(html, blockedSet, blockedSet, (input, first, second) => {
        const idle = createIdleQueue();
        const prepared = preparedRichText({}, idle);
        prepared.prepare(input);
        idle.drain();
        for (const blocked of [first, second, first, second])
          expect(prepared.sanitize(input, blocked)).toBe(sanitizeRichText(input, { blockedUrls: blocked }));
      }),
      { numRuns: 300 },
    );
  });

  it('uses the embed host list it was made with', () => {
    const input = '<iframe src="https://player.example.org/1"></iframe><p>x</p>';
    const idle = createIdleQueue();
    const prepared = preparedRichText({ embedHosts: ['player.example.org'] }, idle);
    prepared.prepare(input);
    idle.drain();
    expect(prepared.sanitize(input, new Set())).toContain('player.example.org');
    expect(directRichText().sanitize(input, new Set())).not.toContain('player.example.org');
  });

  it('drops a blocked image that the prepared body kept', () => {
    const input = `<p>Look</p><img src="${URLS[0]}" alt="private">`;
    const idle = createIdleQueue();
    const prepared = preparedRichText({}, idle);
    prepared.prepare(input);
    idle.drain();
    expect(prepared.sanitize(input, new Set())).toContain(URLS[0]);
    expect(prepared.sanitize(input, new Set([URLS[0]!]))).toBe('<p>Look</p>');
  });

  it('sanitizes on demand what was never prepared, and treats blank input as no HTML', () => {
    const prepared = preparedRichText({}, createIdleQueue());
    expect(prepared.sanitize('<p onclick="x()">hi</p><script>1</script>', new Set())).toBe('<p>hi</p>');
    expect(prepared.sanitize('  ', new Set())).toBeNull();
    expect(prepared.sanitize(null, new Set())).toBeNull();
    expect(prepared.excerpt('<p>Merch</p><p>Visit the shop</p>')).toBe('Merch Visit the shop');
  });
});

describe('idle queue', () => {
  it('runs queued work later, between I/O callbacks, in order', async () => {
    const idle = createIdleQueue();
    const ran: number[] = [];
    for (let i = 0; i < 5; i++) idle.push(() => ran.push(i));
    expect(ran).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ran).toEqual([0, 1, 2, 3, 4]);
    expect(idle.size).toBe(0);
  });

  it('yields to other callbacks between slices instead of running everything at once', async () => {
    // A clock that each task moves on by 0.25 ms: a 1 ms slice holds 4 tasks, whatever the machine's load.
    let clock = 0;
    const idle = createIdleQueue({ sliceMs: 1, now: () => clock });
    const seenBetween: number[] = [];
    let done = 0;
    for (let i = 0; i < 200; i++) {
      idle.push(() => {
        clock += 0.25;
        done++;
      });
    }
    // Callbacks queued meanwhile run between slices: each sees a multiple of the slice size.
    const watch = () => {
      seenBetween.push(done);
      if (done < 200) setImmediate(watch);
    };
    setImmediate(watch);
    await new Promise<void>((resolve) => idle.push(resolve));
    expect(done).toBe(200);
    expect(seenBetween.length).toBeGreaterThanOrEqual(40);
    expect(seenBetween.slice(0, 3)).toEqual([4, 8, 12]);
  });

  it('lets a request started since the last slice be written before the next slice, once per slice', async () => {
    let started = 0;
    const idle = createIdleQueue({ requestsStarted: () => started });
    const order: string[] = [];
    idle.push(() => order.push('task 1'));
    // As undici writes a request on a kept-alive connection: from an immediate queued after the slice.
    started++;
    setImmediate(() => order.push('write 1'));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['write 1', 'task 1']);

    // A request started before every slice: the queue still runs a slice every other turn.
    order.length = 0;
    let turns = 0;
    let endStream = () => {};
    const streamEnded = new Promise<void>((resolve) => (endStream = resolve));
    const stream = () => {
      started++;
      if (order.length < 10 && ++turns < 1_000) setImmediate(stream);
      else endStream();
    };
    setImmediate(stream);
    for (let i = 0; i < 10; i++) idle.push(() => order.push(`task ${i}`));
    await streamEnded;
    expect(order).toHaveLength(10);
    expect(turns).toBeLessThan(10);
  });

  it('drain() runs the rest now; clear() drops it; a failing task does not stop the others', async () => {
    const idle = createIdleQueue();
    const ran: string[] = [];
    idle.push(() => ran.push('a'));
    idle.push(() => {
      throw new Error('prepared work failed');
    });
    idle.push(() => ran.push('b'));
    idle.drain();
    expect(ran).toEqual(['a', 'b']);
    idle.push(() => ran.push('c'));
    idle.clear();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(ran).toEqual(['a', 'b']);
  });
});
