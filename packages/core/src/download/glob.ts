// --include / --exclude patterns, as users write them for dandi-cli and rsync: a pattern without "/" matches the
// file name anywhere ("*.mp4"); a pattern with "/" matches the whole relative path ("sub-*/ses-1/**").
import { InvalidInputError } from '../errors.js';

/** A compiled pattern. */
export type PathMatcher = (path: string) => boolean;

/** Compile a glob: `*` (within a segment), `**` (any segments), `?`, `[abc]`/`[!a-z]`, `{a,b}`. */
export function compileGlob(pattern: string): PathMatcher {
  if (pattern.length === 0)
    throw new InvalidInputError('An empty --include/--exclude pattern matches nothing; remove it.', pattern);
  const anchored = pattern.includes('/');
  const regex = new RegExp(`^${translate(pattern.replace(/^\/+/, ''), pattern)}$`);
  return anchored ? (path) => regex.test(path) : (path) => regex.test(path.slice(path.lastIndexOf('/') + 1));
}

function translate(glob: string, original: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // "**/" matches zero or more whole segments; a lone "**" anything at all.
        if (glob[i + 2] === '/') {
          out += '(?:.*/)?';
          i += 2;
        } else {
          out += '.*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) throw new InvalidInputError(`The pattern "${original}" has an unclosed "[".`, original);
      let body = glob.slice(i + 1, close);
      if (body.startsWith('!')) body = `^${body.slice(1)}`;
      out += `[${body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  if (braces > 0) throw new InvalidInputError(`The pattern "${original}" has an unclosed "{".`, original);
  return out;
}

/** Keep a path if it matches some include (or there are none) and no exclude. */
export function createPathFilter(include: readonly string[] = [], exclude: readonly string[] = []): PathMatcher {
  const includes = include.map(compileGlob);
  const excludes = exclude.map(compileGlob);
  return (path) => (includes.length === 0 || includes.some((m) => m(path))) && !excludes.some((m) => m(path));
}
