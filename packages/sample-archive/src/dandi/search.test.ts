// The search parser against dandi-archive's dandiapi/api/services/search/parser.py, case by case.
import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { parseSearch } from './search.js';

describe('parseSearch', () => {
  it.each([
    ['', [], []],
    ['mouse sniff', ['mouse', 'sniff'], []],
    ['"food sniff" mouse', ['food sniff', 'mouse'], []],
    ['species:mouse', [], [{ key: 'species', value: 'mouse' }]],
    ['technique:"spike sorting" zarr', ['zarr'], [{ key: 'technique', value: 'spike sorting' }]],
    // A quoted operator is free text (the parser's documented escape).
    ['"foo:bar"', ['foo:bar'], []],
    // `key:` with nothing after it is not an operator (`_BARE_OP_RE` needs a value): free text.
    ['species:', ['species:'], []],
    // The value runs to the next space, colons included.
    [
      'created_after:2024-01-01 owner:a:b',
      [],
      [
        { key: 'created_after', value: '2024-01-01' },
        { key: 'owner', value: 'a:b' },
      ],
    ],
  ])('%j', (query, freeText, operators) => {
    expect(parseSearch(query)).toEqual({ freeText, operators });
  });

  it.each([
    ['specis:mouse', /^Unknown search operator "specis"\. Did you mean "species"\?/],
    ['zzzz:1', /^Unknown search operator "zzzz"\. Wrap the term/],
    ['a:b:c', /^Unknown search operator "a"\./],
    ['"open', /^Unbalanced quote/],
    ['x'.repeat(1025), /^Search query is too long \(1025 characters; max 1024\)\.$/],
  ])('refuses %j with a 400 {"search": ...}', (query, message) => {
    const error = (() => {
      try {
        parseSearch(query);
      } catch (e) {
        return e;
      }
      return undefined;
    })() as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect((error.body as { search: string }).search).toMatch(message);
  });
});
