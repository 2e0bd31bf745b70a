// One page of an S3 listing over keys kept in S3's order (UTF-8 bytes), with the delimiter roll-up AWS does:
// keys and common prefixes are counted together against max-keys and merged in key order, a common prefix is
// reported once however deep the keys below it sit, and a page resumes strictly after the last item of the
// previous one. Pure, so the rules are tested with tables; the XML lives in list-xml.ts.
import { compareKeys } from '../store.js';

/** What a ListObjects (v1) or ListObjectsV2 request asks for, after its parameters are validated. */
export interface ListQuery {
  readonly prefix: string;
  /** Absent or empty means no roll-up. */
  readonly delimiter?: string | undefined;
  /** Start strictly after this key (start-after, marker, or the key a continuation token carries). */
  readonly after?: string | undefined;
  /** 0..1000 */
  readonly maxKeys: number;
}

/** The keys and common prefixes of one page. */
export interface ListPage {
  readonly keys: readonly string[];
  readonly commonPrefixes: readonly string[];
  /** More items follow this page. */
  readonly isTruncated: boolean;
  /** The greatest key or common prefix on the page: where the next page starts after. */
  readonly last: string | undefined;
}

/** The page of `sortedKeys` (in compareKeys order) that `query` selects. */
export function listPage(sortedKeys: readonly string[], query: ListQuery): ListPage {
  const { prefix, after, maxKeys } = query;
  const delimiter = query.delimiter === '' ? undefined : query.delimiter;
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  let isTruncated = false;

  let i = lowerBound(sortedKeys, prefix, 0);
  if (after !== undefined) i = Math.max(i, upperBound(sortedKeys, after));
  while (i < sortedKeys.length) {
    const key = sortedKeys[i]!;
    // Keys that share the prefix are contiguous in byte order, so the first one without it ends the listing.
    if (!key.startsWith(prefix)) break;
    const cut = delimiter === undefined ? -1 : key.indexOf(delimiter, prefix.length);
    if (cut >= 0) {
      const commonPrefix = key.slice(0, cut + delimiter!.length);
      const next = endOfGroup(sortedKeys, commonPrefix, i);
      // A marker equal to a rolled-up prefix means that prefix was already reported: v1's NextMarker is that
      // prefix, and AWS does not repeat it (ceph/s3-tests test_bucket_list_delimiter_prefix: after NextMarker
      // `boo/` comes `cquux/`). A marker inside the prefix (`boo/a`) sorts after it, so the same rule skips it.
      if (after !== undefined && compareKeys(commonPrefix, after) <= 0) {
        i = next;
        continue;
      }
      if (keys.length + commonPrefixes.length >= maxKeys) {
        isTruncated = maxKeys > 0;
        break;
      }
      commonPrefixes.push(commonPrefix);
      last = commonPrefix;
      i = next;
      continue;
    }
    if (keys.length + commonPrefixes.length >= maxKeys) {
      // AWS answers max-keys=0 with an empty, untruncated page (s3-tests test_bucket_list_maxkeys_zero).
      isTruncated = maxKeys > 0;
      break;
    }
    keys.push(key);
    last = key;
    i += 1;
  }
  return { keys, commonPrefixes, isTruncated, last };
}

/** First index at or after `from` whose key is >= `target`. */
function lowerBound(sorted: readonly string[], target: string, from: number): number {
  let lo = from;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose key is > `target`. */
function upperBound(sorted: readonly string[], target: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(sorted[mid]!, target) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index after `start` whose key does not begin with `groupPrefix` (the group is contiguous from `start`). */
function endOfGroup(sorted: readonly string[], groupPrefix: string, start: number): number {
  let lo = start;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startsWith(groupPrefix)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
