import { describe, expect, it } from 'vitest';
import { evaluatePreconditions, ifRangeHolds } from './preconditions.js';

const object = { etag: 'abc123', lastModified: new Date('2025-06-01T12:00:00.500Z') };
const AT = 'Sun, 01 Jun 2025 12:00:00 GMT';
const BEFORE = 'Sun, 01 Jun 2025 11:59:59 GMT';
const AFTER = 'Sun, 01 Jun 2025 12:00:01 GMT';

describe('evaluatePreconditions', () => {
  it.each([
    [{}, { kind: 'proceed' }],
    [{ ifMatch: '"abc123"' }, { kind: 'proceed' }],
    [{ ifMatch: 'abc123' }, { kind: 'proceed' }],
    [{ ifMatch: '"x", "abc123"' }, { kind: 'proceed' }],
    [{ ifMatch: '*' }, { kind: 'proceed' }],
    [{ ifMatch: '"other"' }, { kind: 'failed', condition: 'If-Match' }],
    [{ ifUnmodifiedSince: BEFORE }, { kind: 'failed', condition: 'If-Unmodified-Since' }],
    [{ ifUnmodifiedSince: AT }, { kind: 'proceed' }],
    // S3: If-Match true and If-Unmodified-Since false -> 200.
    [{ ifMatch: '"abc123"', ifUnmodifiedSince: BEFORE }, { kind: 'proceed' }],
    [{ ifNoneMatch: '"abc123"' }, { kind: 'not-modified' }],
    [{ ifNoneMatch: '*' }, { kind: 'not-modified' }],
    [{ ifNoneMatch: '"other"' }, { kind: 'proceed' }],
    [{ ifModifiedSince: AT }, { kind: 'not-modified' }],
    [{ ifModifiedSince: AFTER }, { kind: 'not-modified' }],
    [{ ifModifiedSince: BEFORE }, { kind: 'proceed' }],
    [{ ifModifiedSince: 'not a date' }, { kind: 'proceed' }],
    // S3: If-None-Match false (the ETag matches) and If-Modified-Since true -> 304.
    [{ ifNoneMatch: '"abc123"', ifModifiedSince: BEFORE }, { kind: 'not-modified' }],
    // With If-None-Match present, If-Modified-Since is not consulted at all.
    [{ ifNoneMatch: '"other"', ifModifiedSince: AFTER }, { kind: 'proceed' }],
    [
      { ifMatch: '"other"', ifNoneMatch: '"abc123"' },
      { kind: 'failed', condition: 'If-Match' },
    ],
  ])('%j -> %j', (headers, expected) => {
    expect(evaluatePreconditions(headers, object)).toEqual(expected);
  });
});

describe('ifRangeHolds', () => {
  it.each([
    [undefined, true],
    ['"abc123"', true],
    ['"other"', false],
    ['W/"abc123"', false],
    [AT, true],
    [AFTER, false],
    ['garbage', false],
  ])('If-Range %j -> %j', (value, expected) => {
    expect(ifRangeHolds(value, object)).toBe(expected);
  });
});
