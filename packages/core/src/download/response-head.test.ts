import { describe, expect, it } from 'vitest';
import { contentLength, findHeadEnd, keepsAlive, MalformedHeadError, parseResponseHead } from './response-head.js';

const head = (text: string) => {
  const bytes = Buffer.from(text, 'latin1');
  const end = findHeadEnd(bytes, bytes.byteLength);
  return parseResponseHead(bytes, end);
};

describe('findHeadEnd', () => {
  it('finds the blank line only once it has all arrived', () => {
    const bytes = Buffer.from('HTTP/1.1 206 Partial Content\r\nContent-Length: 3\r\n\r\nabc', 'latin1');
    expect(findHeadEnd(bytes, bytes.byteLength)).toBe(bytes.byteLength - 3);
    // Cut anywhere inside the final CRLFCRLF: not yet.
    for (let cut = bytes.byteLength - 7; cut < bytes.byteLength - 3; cut++) expect(findHeadEnd(bytes, cut)).toBe(-1);
  });
});

describe('parseResponseHead', () => {
  it('reads the status and headers, case-insensitively, joining repeated ones', () => {
    const parsed = head(
      'HTTP/1.1 206 Partial Content\r\nContent-Range: bytes 0-2/10\r\nX-A: 1\r\nx-a:  2 \r\nETag: "abc"\r\n\r\n',
    );
    expect(parsed.version).toBe('1.1');
    expect(parsed.status).toBe(206);
    expect(parsed.headers.get('content-range')).toBe('bytes 0-2/10');
    expect(parsed.headers.get('x-a')).toBe('1, 2');
    expect(parsed.headers.get('etag')).toBe('"abc"');
  });

  it('accepts a status line without a reason phrase', () => {
    expect(head('HTTP/1.1 200\r\n\r\n').status).toBe(200);
  });

  it.each([
    ['not HTTP at all', 'SSH-2.0-OpenSSH\r\n\r\n'],
    ['HTTP/2 status line', 'HTTP/2 200\r\n\r\n'],
    ['a two-digit status', 'HTTP/1.1 20 OK\r\n\r\n'],
    ['a header without a colon', 'HTTP/1.1 200 OK\r\nContent-Length 3\r\n\r\n'],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  continued\r\n\r\n'],
    ['a space before the colon', 'HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\n'],
  ])('refuses %s', (_, text) => {
    expect(() => head(text)).toThrow(MalformedHeadError);
  });
});

describe('contentLength', () => {
  it.each([
    ['Content-Length: 42\r\n', 42],
    ['Content-Length: 42\r\nContent-Length: 42\r\n', 42],
    ['Content-Length: 42\r\nContent-Length: 43\r\n', undefined],
    ['Content-Length: -1\r\n', undefined],
    ['Content-Length: 4x\r\n', undefined],
    ['', undefined],
  ])('%j -> %s', (lines, expected) => {
    expect(contentLength(head(`HTTP/1.1 200 OK\r\n${lines}\r\n`))).toBe(expected);
  });
});

describe('keepsAlive', () => {
  it.each([
    ['HTTP/1.1 200 OK\r\n\r\n', true],
    ['HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n', false],
    ['HTTP/1.1 200 OK\r\nConnection: Keep-Alive, Close\r\n\r\n', false],
    ['HTTP/1.0 200 OK\r\n\r\n', false],
    ['HTTP/1.0 200 OK\r\nConnection: keep-alive\r\n\r\n', true],
  ])('%j -> %s', (text, expected) => {
    expect(keepsAlive(head(text))).toBe(expected);
  });
});
