// ListObjectsV2 (`?list-type=2`) and ListObjects v1 from query string to XML body: parameter checks with AWS's
// error answers, continuation tokens, the optional url encoding, and the element order AWS writes.
import type { ObjectStore, SampleObject } from '../store.js';
import { invalidArgument, type S3ErrorResponse } from './error-response.js';
import { listPage, type ListPage } from './list-objects.js';
import { S3_NAMESPACE, XML_DECLARATION, element, optionalElement, urlEncodeKey } from './xml.js';

/** The owner every object reports (a canonical-user-id-shaped constant; anonymous callers see it too). */
export const SAMPLE_OWNER = {
  id: '6f3c0d8e2a1b4c5d9e7f8a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d',
  displayName: 'ember-sample-archive',
} as const;

const MAX_KEYS_CAP = 1000;
const TOKEN_TAG = 'ember-sample-archive:';

/** The XML body of a ListObjectsV2 answer, or the error S3 gives for its parameters. */
export function listObjectsV2(store: ObjectStore, query: URLSearchParams): string | S3ErrorResponse {
  const common = commonParameters(query);
  if ('code' in common) return common;
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? undefined;
  let after = startAfter === '' ? undefined : startAfter;
  if (token !== null) {
    const resumeAfter = decodeContinuationToken(token);
    if (resumeAfter === undefined) {
      return invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    }
    // The token wins over start-after, which AWS only applies to the first page.
    after = resumeAfter;
  }
  const page = listPage(store.keys(), { ...common, after });
  const encode = common.urlEncode ? urlEncodeKey : (text: string) => text;
  const withOwner = query.get('fetch-owner') === 'true';
  return (
    XML_DECLARATION +
    `<ListBucketResult xmlns="${S3_NAMESPACE}">` +
    element('Name', store.bucket) +
    element('Prefix', encode(common.prefix)) +
    optionalElement('ContinuationToken', token ?? undefined) +
    optionalElement('NextContinuationToken', page.isTruncated ? encodeContinuationToken(page.last!) : undefined) +
    element('KeyCount', page.keys.length + page.commonPrefixes.length) +
    element('MaxKeys', common.maxKeys) +
    optionalElement('Delimiter', common.delimiter === undefined ? undefined : encode(common.delimiter)) +
    element('IsTruncated', page.isTruncated) +
    optionalElement('StartAfter', startAfter === undefined || startAfter === '' ? undefined : encode(startAfter)) +
    contents(store, page, encode, withOwner) +
    commonPrefixes(page, encode) +
    optionalElement('EncodingType', common.urlEncode ? 'url' : undefined) +
    '</ListBucketResult>'
  );
}

/** The XML body of a ListObjects (v1) answer, or the error S3 gives for its parameters. */
export function listObjectsV1(store: ObjectStore, query: URLSearchParams): string | S3ErrorResponse {
  const common = commonParameters(query);
  if ('code' in common) return common;
  const marker = query.get('marker') ?? '';
  const page = listPage(store.keys(), { ...common, after: marker === '' ? undefined : marker });
  const encode = common.urlEncode ? urlEncodeKey : (text: string) => text;
  // AWS writes NextMarker only when a delimiter is given; without one, clients resume after the last key.
  const nextMarker = page.isTruncated && common.delimiter !== undefined ? page.last : undefined;
  return (
    XML_DECLARATION +
    `<ListBucketResult xmlns="${S3_NAMESPACE}">` +
    element('Name', store.bucket) +
    element('Prefix', encode(common.prefix)) +
    element('Marker', encode(marker)) +
    optionalElement('NextMarker', nextMarker === undefined ? undefined : encode(nextMarker)) +
    element('MaxKeys', common.maxKeys) +
    optionalElement('Delimiter', common.delimiter === undefined ? undefined : encode(common.delimiter)) +
    element('IsTruncated', page.isTruncated) +
    contents(store, page, encode, true) +
    commonPrefixes(page, encode) +
    optionalElement('EncodingType', common.urlEncode ? 'url' : undefined) +
    '</ListBucketResult>'
  );
}

/** The opaque token naming where the next page starts (after `last`). */
export function encodeContinuationToken(last: string): string {
  return Buffer.from(TOKEN_TAG + last, 'utf8').toString('base64');
}

/** The key a continuation token resumes after, or undefined if the token is not one this server wrote. */
export function decodeContinuationToken(token: string): string | undefined {
  const text = Buffer.from(token, 'base64').toString('utf8');
  if (!text.startsWith(TOKEN_TAG) || encodeContinuationToken(text.slice(TOKEN_TAG.length)) !== token) return undefined;
  return text.slice(TOKEN_TAG.length);
}

interface CommonParameters {
  readonly prefix: string;
  readonly delimiter: string | undefined;
  readonly maxKeys: number;
  readonly urlEncode: boolean;
}

function commonParameters(query: URLSearchParams): CommonParameters | S3ErrorResponse {
  const rawMaxKeys = query.get('max-keys');
  let maxKeys = MAX_KEYS_CAP;
  if (rawMaxKeys !== null) {
    const value = /^\d{1,10}$/.test(rawMaxKeys) ? Number(rawMaxKeys) : Number.NaN;
    if (!(value <= 2 ** 31 - 1)) {
      return invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', rawMaxKeys);
    }
    // AWS never returns more than 1,000 items a page, whatever is asked.
    maxKeys = Math.min(value, MAX_KEYS_CAP);
  }
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    return invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  const delimiter = query.get('delimiter');
  return {
    prefix: query.get('prefix') ?? '',
    // An empty delimiter is no delimiter, and AWS leaves it out of the answer (s3-tests test_bucket_list_delimiter_empty).
    delimiter: delimiter === null || delimiter === '' ? undefined : delimiter,
    maxKeys,
    urlEncode: encodingType === 'url',
  };
}

function contents(store: ObjectStore, page: ListPage, encode: (text: string) => string, withOwner: boolean): string {
  return page.keys
    .map((key) => {
      const object = store.get(key) as SampleObject;
      const owner = withOwner
        ? `<Owner>${element('ID', SAMPLE_OWNER.id)}${element('DisplayName', SAMPLE_OWNER.displayName)}</Owner>`
        : '';
      return (
        '<Contents>' +
        element('Key', encode(key)) +
        element('LastModified', object.lastModified.toISOString()) +
        element('ETag', `"${object.etag}"`) +
        element('Size', object.size) +
        owner +
        element('StorageClass', 'STANDARD') +
        '</Contents>'
      );
    })
    .join('');
}

function commonPrefixes(page: ListPage, encode: (text: string) => string): string {
  return page.commonPrefixes
    .map((prefix) => `<CommonPrefixes>${element('Prefix', encode(prefix))}</CommonPrefixes>`)
    .join('');
}
