import { describe, expect, it } from 'vitest';
import { apiKeyEnvVar, getInstance, loadConfig } from './config.js';
import { InvalidInputError } from './errors.js';

describe('loadConfig', () => {
  it('defaults to the real EMBER endpoints', () => {
    const config = loadConfig({});
    expect(config.defaultInstance).toBe('ember-dandi');
    expect(config.instances['ember-dandi']).toEqual({
      name: 'ember-dandi',
      api: 'https://api-dandi.emberarchive.org/api',
      web: 'https://dandi.emberarchive.org',
    });
    expect(config.instances.dandi?.api).toBe('https://api.dandiarchive.org/api');
    expect(config.s3).toEqual({
      endpoint: 'https://s3.us-east-1.amazonaws.com',
      region: 'us-east-1',
      bucket: 'ember-open-data',
      forcePathStyle: true,
      overridden: false,
    });
    expect(config.apiKeys).toEqual({});
  });

  it.each([
    // env, overrides, expected ember-dandi API, expected S3 endpoint
    [
      { EMBER_API_URL: 'http://127.0.0.1:4001/api/' },
      {},
      'http://127.0.0.1:4001/api',
      'https://s3.us-east-1.amazonaws.com',
    ],
    [
      { EMBER_S3_ENDPOINT: 'http://127.0.0.1:4000' },
      {},
      'https://api-dandi.emberarchive.org/api',
      'http://127.0.0.1:4000',
    ],
    [
      { EMBER_API_URL: 'http://a/api' },
      { apiUrl: 'http://b/api' },
      'http://b/api',
      'https://s3.us-east-1.amazonaws.com',
    ],
    [
      { EMBER_S3_ENDPOINT: 'http://a:1' },
      { s3Endpoint: 'http://b:2/' },
      'https://api-dandi.emberarchive.org/api',
      'http://b:2',
    ],
  ])('env %j + overrides %j point ember-dandi at %s and S3 at %s', (env, overrides, api, endpoint) => {
    const config = loadConfig(env, overrides);
    expect(config.instances['ember-dandi']?.api).toBe(api);
    expect(config.s3.endpoint).toBe(endpoint);
    expect(config.s3.overridden).toBe(endpoint !== 'https://s3.us-east-1.amazonaws.com');
    // Other instances never move.
    expect(config.instances.dandi?.api).toBe('https://api.dandiarchive.org/api');
  });

  it.each([
    // dandi-cli reads only the instance's own variable (dandi/dandiapi.py `dandi_authenticate`): DANDI_API_KEY is
    // dandiarchive.org's and never reaches EMBER.
    [{ DANDI_API_KEY: 'k1' }, { dandi: 'k1' }],
    [{ EMBER_DANDI_API_KEY: 'k2' }, { 'ember-dandi': 'k2' }],
    [
      { EMBER_DANDI_API_KEY: 'k2', DANDI_API_KEY: 'k1' },
      { 'ember-dandi': 'k2', dandi: 'k1' },
    ],
    [{ DANDI_SANDBOX_API_KEY: 'k3' }, { 'dandi-sandbox': 'k3' }],
    [{ DANDI_API_KEY: '  ' }, {}],
  ])('API keys from %j', (env, keys) => {
    expect(loadConfig(env).apiKeys).toEqual(keys);
  });

  it('takes an explicit key over the environment', () => {
    expect(loadConfig({ EMBER_DANDI_API_KEY: 'env' }, { apiKey: 'flag' }).apiKeys['ember-dandi']).toBe('flag');
  });

  it('remembers where each key came from, for the message when a server refuses it', () => {
    expect(loadConfig({ EMBER_DANDI_API_KEY: 'a', DANDI_API_KEY: 'b' }).apiKeySources).toEqual({
      'ember-dandi': 'EMBER_DANDI_API_KEY',
      dandi: 'DANDI_API_KEY',
    });
    expect(loadConfig({}, { apiKey: 'k', apiKeySource: '--api-key' }).apiKeySources).toEqual({
      'ember-dandi': '--api-key',
    });
  });

  it("uses dandi-cli's web URL for the EMBER sandbox (dandi/dandi-cli dandi/consts.py known_instances)", () => {
    expect(loadConfig({}).instances['ember-dandi-sandbox']?.web).toBe('https://dandi.sandbox.emberarchive.org');
  });

  it('reads timeouts, attempts and addressing', () => {
    const config = loadConfig({
      EMBER_TIMEOUT_MS: '500',
      EMBER_MAX_ATTEMPTS: '2',
      EMBER_S3_PATH_STYLE: 'false',
      EMBER_BUCKET: 'b',
    });
    expect(config.http.timeoutMs).toBe(500);
    expect(config.http.maxAttempts).toBe(2);
    expect(config.s3.forcePathStyle).toBe(false);
    expect(config.s3.bucket).toBe('b');
    expect(config.http.userAgent).toMatch(/^ember-archive\/\d+\.\d+\.\d+/);
  });

  it.each([
    [{ EMBER_API_URL: 'not a url' }, /EMBER_API_URL is not a URL/],
    [{ EMBER_S3_ENDPOINT: 'ftp://x' }, /EMBER_S3_ENDPOINT must be an http\(s\) URL/],
    [{ EMBER_TIMEOUT_MS: 'soon' }, /EMBER_TIMEOUT_MS must be a whole number/],
    [{ EMBER_MAX_ATTEMPTS: '0' }, /at least 1/],
    [{ EMBER_S3_PATH_STYLE: 'maybe' }, /true or false/],
  ])('rejects %j with one sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(InvalidInputError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('instances', () => {
  it('names key variables as dandi-cli does', () => {
    expect(apiKeyEnvVar('ember-dandi')).toBe('EMBER_DANDI_API_KEY');
    expect(apiKeyEnvVar('dandi')).toBe('DANDI_API_KEY');
    expect(apiKeyEnvVar('dandi-api-local-docker-tests')).toBe('DANDI_API_LOCAL_DOCKER_TESTS_API_KEY');
  });

  it('finds instances by name (any case) or API URL, and lists the known ones otherwise', () => {
    const config = loadConfig({ EMBER_API_URL: 'http://127.0.0.1:9/api' });
    expect(getInstance(config, 'EMBER-DANDI').api).toBe('http://127.0.0.1:9/api');
    expect(getInstance(config, 'http://127.0.0.1:9/api/').name).toBe('ember-dandi');
    expect(getInstance(config, 'https://other.example/api')).toEqual({
      name: 'https://other.example/api',
      api: 'https://other.example/api',
      web: null,
    });
    expect(() => getInstance(config, 'nope')).toThrow(/Unknown DANDI instance "nope"; known instances: .*ember-dandi/);
  });
});
