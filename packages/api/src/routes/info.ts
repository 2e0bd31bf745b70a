// GET /v1/info: what an object is (size, digests, the DANDI asset and its metadata) and where else to look at it:
// the DANDI web browser, Neurosift (NWB files), and the download URL.
import { getInstance, InvalidInputError, type ArchiveTarget, type Config, type FileLocation } from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';
import { accessTarget, jsonBody, type RouteDeps } from '../request-access.js';
import { IdParam, InfoSchema, PROBLEM_RESPONSES } from '../schemas.js';

const route = createRoute({
  method: 'get',
  path: '/info',
  summary: 'What an object is, with links to the DANDI web browser, Neurosift and the download',
  request: { query: z.object({ id: IdParam }) },
  responses: {
    200: { description: 'Object information', content: { 'application/json': { schema: InfoSchema } } },
    ...PROBLEM_RESPONSES,
  },
});

type Info = z.infer<typeof InfoSchema>;

/** The /v1/info sub-app. */
export function infoRoutes(deps: RouteDeps) {
  return new OpenAPIHono<ApiEnv>().openapi(route, async (c) => {
    const access = accessTarget(c, deps, c.req.valid('query').id);
    const { archive } = access.explorer;
    const config = deps.context.config;
    let location: FileLocation;
    try {
      location = await archive.resolveFile(access.target);
    } catch (error) {
      // Folders (bucket prefixes, dandiset folders, dandisets, instances) are not files: describe them as folders.
      if (!(error instanceof InvalidInputError)) throw error;
      const name = access.uri.replace(/\/+$/, '').split('/').pop() ?? access.uri;
      return jsonBody(c, route, { uri: access.uri, name, kind: 'folder', links: folderLinks(access.target, config) } satisfies Info);
    }
    const info: Info = {
      uri: access.fileUri,
      name: location.name,
      kind: 'file',
      size: location.size,
      links: {},
    };
    if (location.kind === 'remote') {
      if (location.etag !== undefined) info.etag = location.etag;
      if (location.contentType !== undefined) info.contentType = location.contentType;
      if (location.digests !== undefined) {
        info.digests = Object.fromEntries(Object.entries(location.digests).filter((e): e is [string, string] => e[1] !== undefined));
      }
      const asset = location.asset;
      if (asset) {
        info.asset = {
          instance: asset.instance,
          assetId: asset.assetId,
          path: asset.path,
          embargoed: asset.embargoed,
          metadata: asset.metadata,
          ...(asset.dandisetId === undefined ? {} : { dandisetId: asset.dandisetId }),
          ...(asset.version === undefined ? {} : { version: asset.version }),
        };
      }
      // Embargoed downloads need the caller's key at the API: the API URL, never the presigned one.
      const download = asset ? asset.downloadUrl : location.url;
      info.links = fileLinks(access.target, config, location.name, download, asset?.dandisetId, asset?.version);
    }
    return jsonBody(c, route, info);
  });
}

function folderLinks(target: ArchiveTarget, config: Config): Info['links'] {
  if (target.kind !== 'dandiset') return {};
  const web = getInstance(config, target.instance).web;
  if (web === null) return {};
  const folder = target.path === '' ? '' : `?location=${encodeURIComponent(target.path.replace(/\/$/, ''))}`;
  return { dandiWeb: `${web}/dandiset/${target.dandisetId}/${target.version ?? 'draft'}/files${folder}` };
}

function fileLinks(
  target: ArchiveTarget,
  config: Config,
  name: string,
  download: string,
  dandisetId: string | undefined,
  version: string | undefined,
): Info['links'] {
  const links: Info['links'] = { download };
  if (target.kind === 'dandiset' || target.kind === 'asset') {
    const web = getInstance(config, target.instance).web;
    const id = dandisetId ?? (target.kind === 'dandiset' ? target.dandisetId : undefined);
    if (web !== null && id !== undefined) {
      const folder = target.kind === 'dandiset' ? target.path.split('/').slice(0, -1).join('/') : '';
      const location = folder === '' ? '' : `?location=${encodeURIComponent(folder)}`;
      links.dandiWeb = `${web}/dandiset/${id}/${version ?? target.version ?? 'draft'}/files${location}`;
    }
  }
  if (/\.nwb$/i.test(name)) {
    // Neurosift opens an NWB file by URL; with the dandiset it also shows where the file lives (neurosift.app/nwb).
    const query = new URLSearchParams({ url: download });
    if (dandisetId !== undefined) query.set('dandisetId', dandisetId);
    if (version !== undefined) query.set('dandisetVersion', version);
    links.neurosift = `https://neurosift.app/nwb?${query}`;
  }
  return links;
}
