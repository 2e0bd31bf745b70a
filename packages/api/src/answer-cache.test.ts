// The answer cache alone: lifetimes on a moved clock, the bounds in bytes and entries (least recently used out
// first), one load for concurrent misses, and failures not kept.
import { describe, expect, it } from 'vitest';
import { AnswerCache, type EncodedAnswer } from './answer-cache.js';

const answerOf = (text: string): EncodedAnswer => ({ body: new TextEncoder().encode(text), etag: `"${text}"` });

function counted(cache: AnswerCache) {
  const loads: string[] = [];
  const get = (key: string, seconds = 60, size = 10) =>
    cache.answer(key, seconds, async () => {
      loads.push(key);
      return answerOf(key.padEnd(size, '.'));
    });
  return { loads, get };
}

describe('AnswerCache', () => {
  it('answers from memory while fresh and loads again once the lifetime is over', async () => {
    let now = 1_000_000;
    const { loads, get } = counted(new AnswerCache({ now: () => now }));
    expect(new TextDecoder().decode((await get('a', 60)).body)).toBe('a.........');
    await get('a', 60);
    now += 59_999;
    await get('a', 60);
    expect(loads).toEqual(['a']);
    now += 1;
    await get('a', 60);
    expect(loads).toEqual(['a', 'a']);
  });

  it('keeps nothing with a lifetime of 0', async () => {
    const cache = new AnswerCache();
    const { loads, get } = counted(cache);
    await get('a', 0);
    await get('a', 0);
    expect(loads).toEqual(['a', 'a']);
    expect(cache.size).toBe(0);
  });

  it('stays within its bytes, dropping the least recently used first', async () => {
    const cache = new AnswerCache({ maxBytes: 100 });
    const { loads, get } = counted(cache);
    for (const key of ['a', 'b', 'c', 'd']) await get(key, 60, 25);
    expect(cache.bytes).toBe(100);
    await get('a', 60, 25); // a is now the most recently used
    await get('e', 60, 25); // b goes
    expect(cache.bytes).toBe(100);
    expect(cache.size).toBe(4);
    loads.length = 0;
    await get('a', 60, 25);
    await get('c', 60, 25);
    expect(loads).toEqual([]);
    await get('b', 60, 25);
    expect(loads).toEqual(['b']);
  });

  it('stays within its entries, and does not keep an answer larger than a quarter of its bytes', async () => {
    const cache = new AnswerCache({ maxEntries: 3, maxBytes: 1000 });
    const { loads, get } = counted(cache);
    for (const key of ['a', 'b', 'c', 'd']) await get(key);
    expect(cache.size).toBe(3);
    await get('huge', 60, 251);
    expect(cache.size).toBe(3);
    loads.length = 0;
    await get('huge', 60, 251);
    await get('d');
    expect(loads).toEqual(['huge']);
  });

  it('shares one load between concurrent misses and does not keep a failure', async () => {
    const cache = new AnswerCache();
    let loads = 0;
    let fail = true;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error('upstream down');
      return answerOf('ok');
    };
    const failures = await Promise.allSettled([cache.answer('k', 60, load), cache.answer('k', 60, load)]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);
    expect(loads).toBe(1);
    fail = false;
    const answers = await Promise.all([cache.answer('k', 60, load), cache.answer('k', 60, load)]);
    expect(answers[0]).toBe(answers[1]);
    expect(loads).toBe(2);
    expect(cache.size).toBe(1);
  });
});
