/** The ember-archive version, sent in every request's User-Agent. */
export const VERSION = '0.1.0';

/** User-Agent naming ember-archive and its version, so archive operators can see who calls them. */
export const USER_AGENT = `ember-archive/${VERSION} (+https://github.com/ember-archive/ember-archive)`;
