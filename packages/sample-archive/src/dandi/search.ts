// The dandiset list's `search` parameter as dandi-archive parses and applies it
// (dandiapi/api/services/search/parser.py `parse_search`, filters.py, and views/dandiset.py `_search_dandisets`):
// Gmail-style `key:value` operators (or `key:"two words"`) beside free-text terms, a quoted phrase kept together
// (which also escapes `"foo:bar"`), every clause ANDed. Free-text terms must all occur, case- and accent-
// insensitively, in the metadata JSON of one and the same version. Syntax errors are a 400 `{"search": "<message>"}`.
import type { WorldAsset, WorldDandiset } from '../world/model.js';
import type { CatalogIndex, VersionEntry } from './catalog-index.js';
import type { EmulatedUser } from './context.js';
import { ApiError } from './errors.js';

/** parser.py OPERATOR_KEYS. */
const OPERATOR_KEYS = [
  'created_before',
  'created_after',
  'modified_before',
  'modified_after',
  'published_before',
  'published_after',
  'species',
  'approach',
  'technique',
  'standard',
  'file_type',
  'owner',
  'contributor',
  'author',
  'conceptualization',
  'contact_person',
  'data_collector',
  'data_curator',
  'data_manager',
  'formal_analysis',
  'funding_acquisition',
  'investigation',
  'maintainer',
  'methodology',
  'producer',
  'project_leader',
  'project_manager',
  'project_member',
  'project_administration',
  'researcher',
  'resources',
  'software',
  'supervision',
  'validation',
  'visualization',
  'funder',
  'sponsor',
  'study_participant',
  'affiliation',
] as const;

/** parser.py _MAX_SEARCH_LENGTH. */
const MAX_SEARCH_LENGTH = 1024;

/** A parsed search: free-text terms and operators. */
export interface ParsedSearch {
  freeText: string[];
  operators: Array<{ key: string; value: string }>;
}

/** parser.py `parse_search`; throws the 400 the view raises for a SearchSyntaxError. */
export function parseSearch(query: string): ParsedSearch {
  const parsed: ParsedSearch = { freeText: [], operators: [] };
  if (query === '') return parsed;
  if (query.length > MAX_SEARCH_LENGTH) {
    throw syntaxError(`Search query is too long (${query.length} characters; max ${MAX_SEARCH_LENGTH}).`);
  }
  if ((query.match(/"/g)?.length ?? 0) % 2 !== 0) {
    throw syntaxError(
      'Unbalanced quote in search query. Remove the stray quote, or wrap the intended phrase in matched quotes.',
    );
  }
  const token = /(?<opKey>[a-z_]+):"(?<opValue>[^"]*)"|"(?<quoted>[^"]*)"|(?<bare>\S+)/g;
  for (const match of query.matchAll(token)) {
    const { opKey, opValue, quoted, bare } = match.groups ?? {};
    if (opKey !== undefined) {
      checkOperator(opKey);
      parsed.operators.push({ key: opKey, value: opValue ?? '' });
    } else if (quoted !== undefined) {
      parsed.freeText.push(quoted);
    } else if (bare !== undefined) {
      const op = /^([a-z_]+):(.+)$/s.exec(bare);
      if (op?.[1] !== undefined && op[2] !== undefined) {
        checkOperator(op[1]);
        parsed.operators.push({ key: op[1], value: op[2] });
      } else {
        parsed.freeText.push(bare);
      }
    }
  }
  return parsed;
}

/** The dandisets of `list` that `search` selects (all of them for an empty search). */
export function searchDandisets(
  index: CatalogIndex,
  list: readonly WorldDandiset[],
  search: string,
  users: readonly EmulatedUser[],
): WorldDandiset[] {
  const parsed = parseSearch(search);
  const filters = parsed.operators.map((op) => operatorFilter(index, op, users));
  const terms = parsed.freeText.map(fold);
  return list.filter((dandiset) => {
    if (!filters.every((keep) => keep(dandiset))) return false;
    if (terms.length === 0) return true;
    // The view matches all words against one version at a time (Version ... .filter(q_filter)).
    return index.versions(dandiset).some((entry) => {
      const text = fold(JSON.stringify(entry.version.metadata));
      return terms.every((term) => text.includes(term));
    });
  });
}

function operatorFilter(
  index: CatalogIndex,
  { key, value }: { key: string; value: string },
  users: readonly EmulatedUser[],
): (dandiset: WorldDandiset) => boolean {
  if (value.trim() === '') throw syntaxError(`Search operator "${key}" needs a value.`);
  const newest = (d: WorldDandiset): VersionEntry | undefined => index.versions(d).at(-1);
  const published = (d: WorldDandiset): VersionEntry | undefined => index.latestPublished(d);
  const date = (): string => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
      throw syntaxError(`Invalid date "${value}" for "${key}"; use YYYY-MM-DD.`);
    }
    return value;
  };
  const compare = (when: string | undefined, bound: string, before: boolean): boolean =>
    when !== undefined && (before ? when.slice(0, 10) < bound : when.slice(0, 10) >= bound);
  const needle = fold(value);
  const summaryNames = (entry: VersionEntry | undefined, field: string): string[] => {
    const summary = entry?.version.metadata.assetsSummary as Record<string, unknown> | undefined;
    const items = (summary?.[field] ?? []) as Array<{ name?: unknown }>;
    return items.map((item) => fold(String(item.name ?? '')));
  };
  switch (key) {
    case 'created_before':
    case 'created_after': {
      const bound = date();
      return (d) => compare(d.created, bound, key.endsWith('before'));
    }
    case 'modified_before':
    case 'modified_after': {
      const bound = date();
      return (d) => compare(newest(d)?.version.modified, bound, key.endsWith('before'));
    }
    case 'published_before':
    case 'published_after': {
      const bound = date();
      return (d) => compare(published(d)?.version.modified, bound, key.endsWith('before'));
    }
    case 'species':
      return (d) => index.versions(d).some((v) => summaryNames(v, 'species').some((n) => n.includes(needle)));
    case 'approach':
      return (d) => index.versions(d).some((v) => summaryNames(v, 'approach').some((n) => n.includes(needle)));
    case 'technique':
      return (d) =>
        index.versions(d).some((v) => summaryNames(v, 'measurementTechnique').some((n) => n.includes(needle)));
    case 'standard':
      return (d) => index.versions(d).some((v) => summaryNames(v, 'dataStandard').some((n) => n.includes(needle)));
    case 'file_type': {
      const prefix = FILE_TYPES[value.toLowerCase()] ?? value.toLowerCase();
      return (d) =>
        index
          .versions(d)
          .some((v) => v.assets.some((a: WorldAsset) => a.encodingFormat.toLowerCase().startsWith(prefix)));
    }
    case 'owner': {
      const owner = users.find((u) => fold(u.login) === needle);
      return (d) => owner !== undefined && owner.ownsEmbargoed && d.embargoStatus !== 'OPEN';
    }
    default:
      // Contributor operators: a contributor (of the role, or any for `contributor`) whose name holds the value.
      // The sample's one contributor holds every role it lists.
      return (d) =>
        index.versions(d).some((v) => {
          const people = (v.version.metadata.contributor ?? []) as Array<{ name?: unknown; roleName?: unknown }>;
          return people.some((p) => roleMatches(p.roleName, key) && fold(String(p.name ?? '')).includes(needle));
        });
  }
}

/** filters.py FILE_TYPE_ALIASES: the short names for common encoding formats. */
const FILE_TYPES: Record<string, string> = {
  nwb: 'application/x-nwb',
  image: 'image/',
  text: 'text/',
  video: 'video/',
};

function roleMatches(roles: unknown, key: string): boolean {
  if (key === 'contributor') return true;
  const wanted = key.replace(/_/g, '').toLowerCase();
  return (
    Array.isArray(roles) &&
    roles.some(
      (r) =>
        String(r)
          .replace(/^dcite:/, '')
          .toLowerCase() === wanted,
    )
  );
}

function checkOperator(key: string): void {
  if ((OPERATOR_KEYS as readonly string[]).includes(key)) return;
  const suggestion = closestKey(key);
  const hint = suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`;
  throw syntaxError(
    `Unknown search operator "${key}".${hint} Wrap the term in double quotes (e.g. "foo:bar") to search for it as text.`,
  );
}

/**
 * difflib.get_close_matches(key, OPERATOR_KEYS, n=1, cutoff=0.6), with the similarity 2*M/T where M counts the
 * characters of the longest common subsequence (difflib's Ratcliff/Obershelp blocks give the same or fewer).
 */
function closestKey(key: string): string | undefined {
  let best: { key: string; ratio: number } | undefined;
  for (const candidate of OPERATOR_KEYS) {
    const ratio = (2 * lcs(key, candidate)) / (key.length + candidate.length);
    if (ratio >= 0.6 && (best === undefined || ratio > best.ratio)) best = { key: candidate, ratio };
  }
  return best?.key;
}

function lcs(a: string, b: string): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    let previous = 0;
    for (let j = 1; j <= b.length; j++) {
      const saved = row[j] ?? 0;
      row[j] = ca === b[j - 1] ? previous + 1 : Math.max(row[j] ?? 0, row[j - 1] ?? 0);
      previous = saved;
    }
  }
  return row[b.length] ?? 0;
}

/** Case- and accent-insensitive form (Postgres `Unaccent` + `icontains`). */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function syntaxError(message: string): ApiError {
  return new ApiError(400, { search: message });
}
