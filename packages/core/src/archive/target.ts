// Resource identifiers users paste, the same in every front end, parsed into one typed ArchiveTarget and formatted
// back to a canonical URI. Accepted forms (dandi-cli's in dandi/dandi-cli dandi/dandiarchive.py `known_urls`, plus
// the bucket's):
//   ""                                                   the EMBER root: bucket projects and dandisets
//   /abs/path, ./rel/path, file:///abs/path               a local file or folder
//   s3://bucket/key                                       a bucket object, or a prefix when the key ends with "/"
//   https://bucket.s3[.region].amazonaws.com/key, https://s3[.region].amazonaws.com/bucket/key, <S3 endpoint>/bucket/key
//   dandi://<instance>[/<dandiset>[@<version>][/<path>]]   dandi-cli's instance URL
//   <INSTANCE>:<dandiset>[/<version>]                     e.g. EMBER-DANDI:000463, DANDI:000463/draft (dandi-cli
//                                                         PR #1750 extended `DANDI:` to every known instance)
//   <api>/dandisets/<id>[/versions[/<version>]][/]         API URLs, also .../assets/?path=<path> and ?glob=<glob>;
//                                                         <api> may leave out "/api" (dandi-cli's `server_grp`)
//   <api>/[dandisets/<id>/versions/<version>/]assets/<asset id>[/download][/]
//   <web>/dandiset/<id>[/<version>][/files[?location=<folder>]]  web-browser URLs (also with the old "#/" routing)
//   any other http(s) URL                                 a file served over HTTP
// Any of them may end with "#/path/in/file", naming an object inside an HDF5 file.
import { getInstance, type Config } from '../config.js';
import { InvalidInputError } from '../errors.js';
import { formatS3Uri, parseBucketUrl, parseS3Uri } from '../bucket/bucket-urls.js';

/** What an identifier names. */
export type ArchiveTarget =
  RootTarget | LocalTarget | BucketTarget | InstanceTarget | DandisetTarget | AssetTarget | UrlTarget;

/** The EMBER root: bucket projects (`other/`) and the default instance's dandisets. */
export interface RootTarget {
  kind: 'root';
}

/** A local file or folder. */
export interface LocalTarget {
  kind: 'local';
  path: string;
  fragment?: string;
}

/** A bucket object, or a prefix ("folder") when `key` is "" or ends with "/". */
export interface BucketTarget {
  kind: 'bucket';
  bucket: string;
  key: string;
  fragment?: string;
}

/** All dandisets of an instance. */
export interface InstanceTarget {
  kind: 'instance';
  /** Instance name (e.g. "ember-dandi"), or the API URL of a server dandi-cli does not know. */
  instance: string;
}

/** A dandiset, or a folder or file in it. */
export interface DandisetTarget {
  kind: 'dandiset';
  instance: string;
  /** Six digits. */
  dandisetId: string;
  /** "draft" or a published version; absent = the latest published version, else the draft (dandi-cli's rule). */
  version?: string;
  /** "" for the dandiset root, "a/b/" for a folder, "a/b.nwb" for a file (or a folder named without its slash). */
  path: string;
  /**
   * The server's glob over whole asset paths ("*" only, case-insensitive), from `.../assets/?glob=`: the target is
   * then the set of assets it matches, and `path` is "".
   */
  glob?: string;
  fragment?: string;
}

/** An asset named by its id (API asset and download URLs). */
export interface AssetTarget {
  kind: 'asset';
  instance: string;
  assetId: string;
  dandisetId?: string;
  version?: string;
  fragment?: string;
}

/** A file at an http(s) URL that is neither an S3 nor a DANDI URL. */
export interface UrlTarget {
  kind: 'url';
  url: string;
  fragment?: string;
}

const ID = '(\\d{6})';
/** dandi/consts.py VERSION_REGEX. */
const VERSION = '(\\d+\\.\\d+\\.\\d+|draft)';
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const SHORT_ID = new RegExp(`^([a-z][-\\w]*):${ID}(?:/${VERSION}(?:/(.*))?)?/?$`, 'is');
const SHORT_ID_WITH_PATH = new RegExp(`^([a-z][-\\w]*):${ID}/(.+)$`, 'is');
const DANDI_URL = new RegExp(`^dandi://([-\\w.]+)(?:/(?:${ID}(?:@${VERSION})?(?:/(.*))?)?)?$`, 's');

/** Parse any accepted identifier; InvalidInputError (one sentence naming the accepted forms) otherwise. */
export function parseTarget(input: string, config: Config): ArchiveTarget {
  const text = input.trim();
  if (text === '') return { kind: 'root' };
  const { base, fragment } = splitFragment(text);
  const withFragment = <T extends ArchiveTarget>(target: T): T =>
    fragment === undefined || target.kind === 'root' || target.kind === 'instance' ? target : { ...target, fragment };

  const s3 = parseS3Uri(base);
  if (s3) return withFragment({ kind: 'bucket', ...s3 });

  if (base.startsWith('dandi://')) return withFragment(parseDandiUrl(base, config));

  if (/^file:\/\//i.test(base)) {
    return withFragment({ kind: 'local', path: decode(parseUrl(base).pathname, base) });
  }

  if (/^https?:\/\//i.test(base)) return withFragment(parseHttpUrl(base, config));

  if (SCHEME.test(base)) {
    throw new InvalidInputError(`"${input}" uses a scheme ember-archive does not read; ${FORMS}`, input);
  }

  const short = SHORT_ID.exec(base);
  if (short) {
    const [, name = '', id = '', version, path] = short;
    const instance = getInstance(config, name.toLowerCase()).name;
    return withFragment(dandisetTarget(instance, id, version, path === undefined ? '' : decode(path, input)));
  }

  const unversioned = SHORT_ID_WITH_PATH.exec(base);
  if (unversioned && config.instances[unversioned[1]!.toLowerCase()]) {
    // dandi-cli does not accept a path straight after the dandiset either; say how to write it rather than look for a local file.
    const [, name = '', id = '', path = ''] = unversioned;
    const instance = getInstance(config, name).name;
    throw new InvalidInputError(
      `"${input}" names a path without a version; write ${name}:${id}/draft/${path} (or a published version) or dandi://${instance}/${id}/${path}.`,
      input,
    );
  }

  return withFragment({ kind: 'local', path: base });
}

/** The canonical identifier of a target; `parseTarget(formatTarget(t))` gives `t` back under the same config. */
export function formatTarget(target: ArchiveTarget, config: Config): string {
  const hash = 'fragment' in target && target.fragment !== undefined ? `#${target.fragment}` : '';
  switch (target.kind) {
    case 'root':
      return '';
    case 'local':
      return `${target.path}${hash}`;
    case 'bucket':
      return `${formatS3Uri(target)}${hash}`;
    case 'url':
      return `${target.url}${hash}`;
    case 'instance':
      return isUrlInstance(target.instance) ? `${target.instance}/dandisets/` : `dandi://${target.instance}/`;
    case 'dandiset': {
      // A glob has no dandi:// form: dandi-cli spells it only as an API URL.
      if (target.glob !== undefined) return globUrl(getInstance(config, target.instance).api, target, hash);
      if (!isUrlInstance(target.instance)) {
        const version = target.version === undefined ? '' : `@${target.version}`;
        // "%" and "#" are escaped so that parsing (which decodes %-escapes and splits at "#/") gives the path back.
        const path = target.path === '' ? '' : `/${target.path.replace(/%/g, '%25').replace(/#/g, '%23')}`;
        return `dandi://${target.instance}/${target.dandisetId}${version}${path}${hash}`;
      }
      // A server dandi-cli does not know has no dandi:// name: use its API URLs (a path needs a version there).
      const api = getInstance(config, target.instance).api;
      if (target.glob !== undefined) return globUrl(api, target, hash);
      if (target.path === '' && target.version === undefined) return `${api}/dandisets/${target.dandisetId}/${hash}`;
      const versioned = `${api}/dandisets/${target.dandisetId}/versions/${target.version ?? 'draft'}/`;
      return target.path === ''
        ? `${versioned}${hash}`
        : `${versioned}assets/?path=${encodeURIComponent(target.path)}${hash}`;
    }
    case 'asset': {
      const api = getInstance(config, target.instance).api;
      const scope =
        target.dandisetId !== undefined && target.version !== undefined
          ? `dandisets/${target.dandisetId}/versions/${target.version}/`
          : '';
      return `${api}/${scope}assets/${target.assetId}/download/${hash}`;
    }
  }
}

/** The target one level up (a file's folder, a folder's parent); undefined at a top. */
export function parentTarget(target: ArchiveTarget): ArchiveTarget | undefined {
  switch (target.kind) {
    case 'bucket': {
      const parent = parentPath(target.key);
      return parent === undefined ? undefined : { kind: 'bucket', bucket: target.bucket, key: parent };
    }
    case 'dandiset': {
      const parent = parentPath(target.path);
      if (parent === undefined) return { kind: 'instance', instance: target.instance };
      return { ...withoutFragment(target), path: parent };
    }
    default:
      return undefined;
  }
}

const FORMS =
  'use a local path, s3://bucket/key, an https bucket, DANDI API or web URL, dandi://<instance>/<dandiset>[@<version>][/<path>] or EMBER-DANDI:<dandiset>.';

function parseDandiUrl(base: string, config: Config): ArchiveTarget {
  const match = DANDI_URL.exec(base);
  if (!match) throw new InvalidInputError(`"${base}" is not a valid dandi:// identifier; ${FORMS}`, base);
  const [, name = '', id, version, path] = match;
  const instance = getInstance(config, name).name;
  if (id === undefined) return { kind: 'instance', instance };
  return dandisetTarget(instance, id, version, path === undefined ? '' : decode(path, base));
}

/** `new URL`, but a malformed URL is the user's input error, not a crash. */
function parseUrl(text: string): URL {
  try {
    return new URL(text);
  } catch {
    throw new InvalidInputError(`"${text}" is not a valid URL; ${FORMS}`, text);
  }
}

function parseHttpUrl(base: string, config: Config): ArchiveTarget {
  const url = parseUrl(base);
  // Known APIs first: the API and the S3 endpoint may share a host.
  for (const instance of Object.values(config.instances)) {
    const rest = underBase(url, instance.api);
    if (rest !== undefined) return parseApiPath(rest, url, instance.name, base);
  }
  // dandi-cli's `server_grp` is `https?://<host>/(api/)?`: a known API host without "/api" is the same instance.
  for (const instance of Object.values(config.instances)) {
    if (url.origin !== new URL(instance.api).origin || !API_PATH.test(url.pathname)) continue;
    return parseApiPath(url.pathname.replace(/^\/+/, ''), url, instance.name, base);
  }
  for (const instance of Object.values(config.instances)) {
    if (instance.web !== null && url.origin === new URL(instance.web).origin) {
      const web = parseWebUrl(url, instance.name);
      if (web) return web;
    }
  }
  const bucket = parseBucketUrl(base, config.s3);
  if (bucket) return { kind: 'bucket', ...bucket };
  // An unknown DANDI server: dandi-cli's `https://<server>[/api]/...` forms.
  const apiMatch = /^(.*?\/api)\/((?:dandisets|assets)(?:\/.*)?)$/.exec(url.pathname);
  if (apiMatch?.[1] !== undefined && apiMatch[2] !== undefined) {
    const instance = getInstance(config, `${url.origin}${apiMatch[1]}`).name;
    return parseApiPath(apiMatch[2], url, instance, base);
  }
  return { kind: 'url', url: base };
}

/** Paths that only a DANDI API serves (dandi-cli's API patterns after `server_grp`). */
const API_PATH = /^\/(?:dandisets\/?$|dandisets\/\d{6}(?:\/|$)|assets\/[^/?]+(?:\/(?:download|info)?\/?)?$)/;

function parseApiPath(rest: string, url: URL, instance: string, input: string): ArchiveTarget {
  const path = rest.replace(/\/+$/, '');
  let m: RegExpExecArray | null;
  if (path === 'dandisets') return { kind: 'instance', instance };
  if ((m = new RegExp(`^dandisets/${ID}(?:/versions)?$`).exec(path)))
    return dandisetTarget(instance, m[1] ?? '', undefined, '');
  if ((m = new RegExp(`^dandisets/${ID}/versions/${VERSION}$`).exec(path)))
    return dandisetTarget(instance, m[1] ?? '', m[2], '');
  if ((m = new RegExp(`^dandisets/${ID}/versions/${VERSION}/assets$`).exec(path))) {
    // `path` and `glob` are taken as written, "+" included (dandi-cli's patterns `assets/\?path=(?P<path>[^&]+)` and
    // `assets/\?glob=(?P<glob>[^&]+)`); %-escapes are decoded so that our canonical form round-trips.
    const assetPath = rawQueryParam(url, 'path', input);
    const glob = rawQueryParam(url, 'glob', input);
    if (glob !== undefined && assetPath === undefined)
      return { ...dandisetTarget(instance, m[1] ?? '', m[2], ''), glob };
    if (assetPath === undefined) {
      throw new InvalidInputError(
        `"${input}" lists assets without a path; add ?path=<path> or ?glob=<glob>, or use the dandiset's URL.`,
        input,
      );
    }
    return dandisetTarget(instance, m[1] ?? '', m[2], assetPath.replace(/^\/+/, ''));
  }
  if ((m = new RegExp(`^dandisets/${ID}/versions/${VERSION}/assets/([^/]+)(?:/download|/info)?$`).exec(path))) {
    return { kind: 'asset', instance, assetId: m[3] ?? '', dandisetId: m[1] ?? '', version: m[2] ?? '' };
  }
  if ((m = /^assets\/([^/]+)(?:\/download|\/info)?$/.exec(path)))
    return { kind: 'asset', instance, assetId: m[1] ?? '' };
  throw new InvalidInputError(
    `"${input}" is a DANDI API URL that does not name a dandiset, folder or asset; ${FORMS}`,
    input,
  );
}

/** A query parameter with only its %-escapes decoded ("+" stays "+", as urllib's `unquote` leaves it). */
function rawQueryParam(url: URL, name: string, input: string): string | undefined {
  for (const pair of url.search.replace(/^\?/, '').split('&')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at) === name && at < pair.length - 1) return decode(pair.slice(at + 1), input);
  }
  return undefined;
}

function globUrl(api: string, target: DandisetTarget, hash: string): string {
  const glob = encodeURIComponent(target.glob ?? '')
    .replace(/%2F/g, '/')
    .replace(/%2A/g, '*');
  return `${api}/dandisets/${target.dandisetId}/versions/${target.version ?? 'draft'}/assets/?glob=${glob}${hash}`;
}

function parseWebUrl(url: URL, instance: string): ArchiveTarget | undefined {
  // The GUI once routed by hash ("#/dandiset/..."), and dandi-cli still accepts it.
  const route = url.hash.startsWith('#/dandiset/') ? new URL(url.hash.slice(1), url.origin) : url;
  const m = new RegExp(`^/dandiset/${ID}(?:/${VERSION})?(?:/files)?/?$`).exec(route.pathname);
  if (!m) return undefined;
  // dandi-cli decodes `location` with urllib's `unquote`, so a hand-typed "+" stays a "+" (URLSearchParams would
  // make it a space). It takes everything after "location=" (`location=(?P<location_folder>.*)`), which would put
  // the web UI's "&page=2" into the path; the UI escapes "&" in names as %26, so we stop at the first "&".
  const raw = /[?&]location=([^&]*)/.exec(route.search)?.[1] ?? '';
  const location = decode(raw, url.href).replace(/^\/+/, '');
  // The browser's location is always a folder (dandi-cli appends the slash too).
  const path = location === '' || location.endsWith('/') ? location : `${location}/`;
  return dandisetTarget(instance, m[1] ?? '', m[2], path);
}

function dandisetTarget(
  instance: string,
  dandisetId: string,
  version: string | undefined,
  path: string,
): DandisetTarget {
  return {
    kind: 'dandiset',
    instance,
    dandisetId,
    ...(version === undefined ? {} : { version }),
    path: path.replace(/^\/+/, ''),
  };
}

/** The part of `url` under `base` (no leading slash), or undefined when it is not under it. */
function underBase(url: URL, base: string): string | undefined {
  const baseUrl = new URL(base);
  if (url.origin !== baseUrl.origin) return undefined;
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  if (url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return undefined;
  return url.pathname.slice(basePath.length).replace(/^\//, '');
}

function splitFragment(text: string): { base: string; fragment?: string } {
  // Only "#/" starts an in-file path, so file names containing "#" stay whole; "#/dandiset/" is the GUI's routing.
  const at = text.indexOf('#/');
  if (at < 0 || text.startsWith('#/dandiset/', at)) return { base: text };
  const fragment = text.slice(at + 1);
  return { base: text.slice(0, at), fragment: /%[0-9a-f]{2}/i.test(fragment) ? decode(fragment, text) : fragment };
}

function decode(text: string, input: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new InvalidInputError(`"${input}" holds a malformed %-escape.`, input);
  }
}

function isUrlInstance(instance: string): boolean {
  return /^https?:\/\//i.test(instance);
}

function parentPath(path: string): string | undefined {
  if (path === '') return undefined;
  const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}

/** The file `target` names: `target` without its `#/path` fragment. */
export function fileTarget(target: ArchiveTarget): ArchiveTarget {
  return 'fragment' in target ? withoutFragment(target) : target;
}

function withoutFragment<T extends { fragment?: string }>(target: T): T {
  const { fragment: _fragment, ...rest } = target;
  return rest as T;
}
