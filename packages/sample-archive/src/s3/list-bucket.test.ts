// Listing cases from ceph/s3-tests (s3tests_boto3/functional/test_s3.py), whose expectations were taken from
// AWS, run through the XML answers this server writes.
import { describe, expect, it } from 'vitest';
import { ObjectStore } from '../store.js';
import { decodeContinuationToken, encodeContinuationToken, listObjectsV1, listObjectsV2 } from './list-bucket.js';

function storeOf(keys: readonly string[]): ObjectStore {
  const store = new ObjectStore('b');
  for (const key of keys) store.putBytes(key, new TextEncoder().encode(key));
  return store;
}

interface Parsed {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  nextMarker: string | undefined;
  nextToken: string | undefined;
  delimiter: string | undefined;
  keyCount: string | undefined;
}

function parse(xml: string | object): Parsed {
  if (typeof xml !== 'string') throw new Error(`expected a listing, got ${JSON.stringify(xml)}`);
  const unescape = (text: string) =>
    text.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))).replace(/&amp;/g, '&');
  const all = (pattern: RegExp) => [...xml.matchAll(pattern)].map((m) => unescape(m[1]!));
  return {
    keys: all(/<Key>([^<]*)<\/Key>/g),
    prefixes: all(/<CommonPrefixes><Prefix>([^<]*)<\/Prefix><\/CommonPrefixes>/g),
    truncated: xml.includes('<IsTruncated>true</IsTruncated>'),
    nextMarker: all(/<NextMarker>([^<]*)<\/NextMarker>/g)[0],
    nextToken: all(/<NextContinuationToken>([^<]*)<\/NextContinuationToken>/g)[0],
    delimiter: all(/<Delimiter>([^<]*)<\/Delimiter>/g)[0],
    keyCount: all(/<KeyCount>([^<]*)<\/KeyCount>/g)[0],
  };
}

const v1 = (store: ObjectStore, params: Record<string, string>) =>
  parse(listObjectsV1(store, new URLSearchParams(params)));
const v2 = (store: ObjectStore, params: Record<string, string>) =>
  parse(listObjectsV2(store, new URLSearchParams({ 'list-type': '2', ...params })));

describe('ceph/s3-tests listing cases', () => {
  it.each([
    // [test, keys, params, expected keys, expected prefixes]
    ['delimiter_alt', ['bar', 'baz', 'cab', 'foo'], { delimiter: 'a' }, ['foo'], ['ba', 'ca']],
    ['delimiter_percentage', ['b%ar', 'b%az', 'c%ab', 'foo'], { delimiter: '%' }, ['foo'], ['b%', 'c%']],
    ['delimiter_whitespace', ['b ar', 'b az', 'c ab', 'foo'], { delimiter: ' ' }, ['foo'], ['b ', 'c ']],
    ['delimiter_unreadable', ['bar', 'baz', 'cab', 'foo'], { delimiter: '\n' }, ['bar', 'baz', 'cab', 'foo'], []],
    ['delimiter_not_exist', ['bar', 'baz', 'cab', 'foo'], { delimiter: '/' }, ['bar', 'baz', 'cab', 'foo'], []],
    ['prefix_alt', ['bar', 'baz', 'foo'], { prefix: 'ba' }, ['bar', 'baz'], []],
    ['prefix_unreadable', ['foo/bar', 'foo/baz', 'quux'], { prefix: '\n' }, [], []],
    [
      'prefix_delimiter_basic',
      ['foo/bar', 'foo/baz/xyzzy', 'quux/thud', 'asdf'],
      { delimiter: '/', prefix: 'foo/' },
      ['foo/bar'],
      ['foo/baz/'],
    ],
    ['prefix_delimiter_alt', ['bar', 'bazar', 'cab', 'foo'], { delimiter: 'a', prefix: 'ba' }, ['bar'], ['baza']],
    ['prefix_delimiter_prefix_not_exist', ['b/a/r', 'b/a/c', 'b/a/g', 'g'], { delimiter: 'd', prefix: '/' }, [], []],
    [
      'prefix_delimiter_delimiter_not_exist',
      ['b/a/c', 'b/a/g', 'b/a/r', 'g'],
      { delimiter: 'z', prefix: 'b' },
      ['b/a/c', 'b/a/g', 'b/a/r'],
      [],
    ],
    ['delimiter_prefix_ends_with_delimiter', ['asdf/'], { delimiter: '/', prefix: 'asdf/' }, ['asdf/'], []],
    [
      'delimiter_not_skip_special',
      ['0/', ...Array.from({ length: 999 }, (_, i) => `0/${1000 + i}`), '1999', '1999#', '1999+', '2000'],
      { delimiter: '/' },
      ['1999', '1999#', '1999+', '2000'],
      ['0/'],
    ],
  ])('%s', (_name, keys, params, expectedKeys, expectedPrefixes) => {
    const store = storeOf(keys);
    for (const answer of [v1(store, params), v2(store, params)]) {
      expect(answer.keys).toEqual(expectedKeys);
      expect(answer.prefixes).toEqual(expectedPrefixes);
    }
  });

  it('delimiter_empty: an empty delimiter lists everything and is not echoed', () => {
    const answer = v2(storeOf(['bar', 'baz']), { delimiter: '' });
    expect([answer.keys, answer.delimiter]).toEqual([['bar', 'baz'], undefined]);
  });

  it('delimiter_prefix: v1 pages with NextMarker, v2 with tokens, keys and prefixes counted together', () => {
    const store = storeOf(['asdf', 'boo/bar', 'boo/baz/xyzzy', 'cquux/thud', 'cquux/bla']);
    // [prefix, max-keys, pages of [keys, prefixes, NextMarker]]
    const cases: Array<[string, string, Array<[string[], string[], string | undefined]>]> = [
      [
        '',
        '1',
        [
          [['asdf'], [], 'asdf'],
          [[], ['boo/'], 'boo/'],
          [[], ['cquux/'], undefined],
        ],
      ],
      [
        '',
        '2',
        [
          [['asdf'], ['boo/'], 'boo/'],
          [[], ['cquux/'], undefined],
        ],
      ],
      [
        'boo/',
        '1',
        [
          [['boo/bar'], [], 'boo/bar'],
          [[], ['boo/baz/'], undefined],
        ],
      ],
      ['boo/', '2', [[['boo/bar'], ['boo/baz/'], undefined]]],
    ];
    for (const [prefix, maxKeys, pages] of cases) {
      let marker = '';
      let token: string | undefined;
      for (const [keys, prefixes, nextMarker] of pages) {
        const one = v1(store, { prefix, delimiter: '/', 'max-keys': maxKeys, marker });
        expect([one.keys, one.prefixes, one.nextMarker, one.truncated]).toEqual([
          keys,
          prefixes,
          nextMarker,
          nextMarker !== undefined,
        ]);
        marker = one.nextMarker ?? '';
        const two = v2(store, {
          prefix,
          delimiter: '/',
          'max-keys': maxKeys,
          ...(token ? { 'continuation-token': token } : {}),
        });
        expect([two.keys, two.prefixes, two.truncated, two.keyCount]).toEqual([
          keys,
          prefixes,
          nextMarker !== undefined,
          String(keys.length + prefixes.length),
        ]);
        token = two.nextToken;
      }
    }
  });

  it('maxkeys_one and maxkeys_zero', () => {
    const store = storeOf(['bar', 'baz', 'foo', 'quxx']);
    expect(v1(store, { 'max-keys': '1' })).toMatchObject({ keys: ['bar'], truncated: true, nextMarker: undefined });
    expect(v1(store, { marker: 'bar' })).toMatchObject({ keys: ['baz', 'foo', 'quxx'], truncated: false });
    expect(v2(store, { 'start-after': 'bar' })).toMatchObject({ keys: ['baz', 'foo', 'quxx'], truncated: false });
    expect(v2(store, { 'max-keys': '0' })).toMatchObject({ keys: [], truncated: false, nextToken: undefined });
  });
});

describe('continuation tokens', () => {
  it('round-trip any key and reject what this server did not write', () => {
    for (const key of ['', 'a', 'other/kumar2025/', 'séance ü/😀 + &'])
      expect(decodeContinuationToken(encodeContinuationToken(key))).toBe(key);
    for (const token of ['', 'abc', Buffer.from('other:key').toString('base64'), `${encodeContinuationToken('a')}x`]) {
      expect(decodeContinuationToken(token)).toBeUndefined();
    }
  });
});
