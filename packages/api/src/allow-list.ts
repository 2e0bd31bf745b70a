// What this server may fetch. It faces the internet, so an identifier is only read when it names the configured
// bucket (on the configured S3 endpoint) or a DANDI instance it is configured for: no arbitrary URL, no file: or local
// path, no private or loopback address the operator did not configure, and (guarded-fetch.ts) no redirect that
// leaves these hosts. Checked on the parsed identifier, before any request is made.
import { getInstance, parseTarget, formatTarget, type ArchiveTarget } from '@ember-archive/core';
import { OutsideAllowListError } from './errors.js';
import type { ApiContext } from './settings.js';

/** A checked identifier: its parsed target and canonical form. */
export interface AllowedTarget {
  target: ArchiveTarget;
  uri: string;
}

/** Parse `input` and refuse what this server may not read (InvalidInputError for malformed input). */
export function allowedTarget(input: string, context: ApiContext): AllowedTarget {
  const { config, settings } = context;
  const target = parseTarget(input, config);
  const uri = formatTarget(target, config);
  switch (target.kind) {
    case 'root':
      break;
    case 'local':
      throw new OutsideAllowListError(
        `"${input}" is a local path; this server reads only its configured archive.`,
        input,
      );
    case 'url':
      throw new OutsideAllowListError(
        `"${input}" is neither in the configured bucket nor on a configured DANDI instance, ` +
          'so this server does not read it.',
        input,
      );
    case 'bucket':
      if (target.bucket !== config.s3.bucket && !settings.buckets.includes(target.bucket)) {
        throw new OutsideAllowListError(
          `Bucket "${target.bucket}" is not one this server reads (it reads ${config.s3.bucket}).`,
          input,
        );
      }
      break;
    case 'instance':
    case 'dandiset':
    case 'asset':
      checkInstance(target.instance, input, context);
      break;
  }
  return { target, uri };
}

function checkInstance(name: string, input: string, context: ApiContext): void {
  const { config } = context;
  // Instances named by an API URL that dandi-cli does not know are ad hoc: exactly the arbitrary URLs refused here.
  if (config.instances[name] === undefined) {
    throw new OutsideAllowListError(`"${input}" names a DANDI server this server is not configured for.`, input);
  }
  const api = getInstance(config, name).api;
  if (!isAllowedUrl(api, context)) {
    throw new OutsideAllowListError(
      `DANDI instance "${name}" (${api}) is on a private address this server is not configured for.`,
      input,
    );
  }
}

/** Hosts (host[:port], lower case) that are always allowed: the configured endpoint, the default instance, extras. */
export function configuredHosts(context: ApiContext): Set<string> {
  const { config, settings } = context;
  const hosts = new Set<string>(settings.extraHosts.map((h) => h.toLowerCase()));
  const endpoint = new URL(config.s3.endpoint);
  hosts.add(endpoint.host);
  // Virtual-host addressing puts the bucket in the host name.
  for (const bucket of [config.s3.bucket, ...settings.buckets]) hosts.add(`${bucket}.${endpoint.host}`.toLowerCase());
  const ember = config.instances[config.defaultInstance];
  if (ember) hosts.add(new URL(ember.api).host);
  return hosts;
}

/**
 * May the server fetch `url`? http(s) only; a configured host, or a public host of a configured DANDI instance.
 * Private and loopback addresses only when configured.
 */
export function isAllowedUrl(url: string, context: ApiContext): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  const host = parsed.host.toLowerCase();
  if (configuredHosts(context).has(host)) return true;
  if (isPrivateHost(parsed.hostname)) return false;
  return Object.values(context.config.instances).some((instance) => new URL(instance.api).host === host);
}

/** Loopback, private, link-local and unspecified addresses (IPv4 and IPv6 literals) and localhost names. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '') return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a = 0, b = 0] = v4.slice(1, 3).map(Number);
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host.includes(':')) {
    if (host === '::' || host === '::1') return true;
    // IPv4-mapped addresses (::ffff:127.0.0.1, which URL writes as ::ffff:7f00:1) are judged as the IPv4 they carry.
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
    if (mapped) {
      const value = (parseInt(mapped[1] ?? '0', 16) << 16) | parseInt(mapped[2] ?? '0', 16);
      return isPrivateHost([24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.'));
    }
    return /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  }
  // Decimal, octal or hex spellings of an IPv4 address (http://2130706433/) are normalised by URL to dotted form, so
  // any other all-numeric host is not a name DNS would resolve publicly.
  return /^[0-9.]+$/.test(host) || /^0x/i.test(host);
}
