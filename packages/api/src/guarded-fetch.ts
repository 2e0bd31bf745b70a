// The fetch the server's DANDI clients use: every request URL, and every redirect's Location, must be on the
// allow-list (allow-list.ts). Core's DANDI client follows redirects itself (redirect: 'manual'), so each hop comes
// through here; a fetch that asks to follow redirects is made manual too, so no hop goes unchecked.
import type { FetchFunction } from '@ember-archive/core';
import { isAllowedUrl } from './allow-list.js';
import { OutsideAllowListError } from './errors.js';
import type { ApiContext } from './settings.js';

const MAX_HOPS = 5;

/** `fetch` restricted to the allow-list of `context`; OutsideAllowListError for anything else. */
export function guardedFetch(
  context: ApiContext,
  inner: FetchFunction = (input, init) => fetch(input, init),
): FetchFunction {
  return async (input, init = {}) => {
    let url = input;
    for (let hop = 0; ; hop++) {
      if (!isAllowedUrl(url, context)) {
        throw new OutsideAllowListError(`${url} is not a host this server may fetch from.`, url);
      }
      const response = await inner(url, { ...init, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return response;
      const next = new URL(location, url).toString();
      if (!isAllowedUrl(next, context)) {
        await response.body?.cancel();
        throw new OutsideAllowListError(
          `${url} redirects to ${next}, which is not a host this server may fetch from.`,
          next,
        );
      }
      if (init.redirect === 'manual' || init.redirect === 'error') return response;
      await response.body?.cancel();
      if (hop + 1 >= MAX_HOPS) throw new OutsideAllowListError(`Too many redirects from ${input}.`, input);
      url = next;
    }
  };
}
