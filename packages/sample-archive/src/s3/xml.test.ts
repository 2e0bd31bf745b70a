import { describe, expect, it } from 'vitest';
import { escapeXml, urlEncodeKey } from './xml.js';

describe('urlEncodeKey', () => {
  // The first four are ceph/s3-tests' test_bucket_listv2_encoding_basic expectations, taken from AWS.
  it.each([
    ['asdf+b', 'asdf%2Bb'],
    ['foo+1/', 'foo%2B1/'],
    ['quux ab/', 'quux%20ab/'],
    ['foo/', 'foo/'],
    ['100%.csv', '100%25.csv'],
    ['test_file(3).png', 'test_file%283%29.png'],
    ['a~b-c_d.e', 'a~b-c_d.e'],
    ['séance/😀', 's%C3%A9ance/%F0%9F%98%80'],
  ])('%j -> %j', (key, encoded) => {
    expect(urlEncodeKey(key)).toBe(encoded);
    expect(decodeURIComponent(encoded)).toBe(key);
  });
});

describe('escapeXml', () => {
  it('escapes markup characters and writes control characters as references', () => {
    expect(escapeXml(`R&D <"notes"> 'x'\r\n\u0001`)).toBe('R&amp;D &lt;&quot;notes&quot;&gt; &apos;x&apos;&#13;\n&#1;');
  });
});
