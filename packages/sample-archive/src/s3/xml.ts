// The few pieces of S3's XML dialect the read-only server writes: escaped text, elements, and the
// `encoding-type=url` form of keys.

/** The namespace on every S3 response document. */
export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The declaration S3 puts before every XML body. */
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

// S3 writes characters that XML 1.0 cannot carry as numeric references rather than refusing the key;
// clients that care ask for encoding-type=url instead.
// eslint-disable-next-line no-control-regex -- these control characters are the ones XML 1.0 cannot carry.
const XML_SPECIAL = /[&<>"'\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text escaped for an XML element body. */
export function escapeXml(text: string): string {
  return text.replace(XML_SPECIAL, (c) => ENTITIES[c] ?? `&#${c.charCodeAt(0)};`);
}

/** `<name>text</name>` with the text escaped. */
export function element(name: string, text: string | number | boolean): string {
  return `<${name}>${escapeXml(String(text))}</${name}>`;
}

/** `<name>text</name>`, or nothing when the value is absent. */
export function optionalElement(name: string, text: string | number | undefined): string {
  return text === undefined ? '' : element(name, text);
}

/**
 * A key as S3 writes it under `encoding-type=url`: every UTF-8 byte outside RFC 3986's unreserved set
 * percent-encoded, `/` left alone, so a space is `%20` and `+` is `%2B`. ceph/s3-tests
 * (s3tests_boto3/functional/test_s3.py, test_bucket_listv2_encoding_basic) pins this against AWS:
 * `quux ab/` -> `quux%20ab/`, `foo+1/` -> `foo%2B1/`.
 */
export function urlEncodeKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
