// GET /v1/info: what an object is (core's FileInfo: size, digests, the DANDI asset and its metadata, web links) and
// where else to look at it, by name: the DANDI web browser, Neurosift (NWB files), and the download URL.
import { getInstance, InvalidInputError, type ArchiveTarget, type Config, type FileInfo } from '@ember-archive/core';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { ApiEnv } from '../app-env.js';
import {
  accessTarget,
  answerResponse,
  cachedAnswer,
  encodeAnswer,
  type RouteDeps,
  type TargetAccess,
} from '../request-access.js';
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
    // An object's information costs the archive a request or two (a HEAD, DANDI's asset and its metadata).
    const answer = await cachedAnswer(deps, access, `info\n${access.uri}`, async () =>
      encodeAnswer(await describeObject(access, deps.context.config)),
    );
    return answerResponse(c, route, answer);
  });
}

/** The information of the object `access` names: a file's, or a folder's when it is one. */
async function describeObject(access: TargetAccess, config: Config): Promise<Info> {
  const { explorer } = access;
  let file: FileInfo;
  try {
    file = await explorer.info(access.fileUri);
  } catch (error) {
    // Folders (bucket prefixes, dandiset folders, dandisets, instances) are not files: describe them as folders.
    if (!(error instanceof InvalidInputError)) throw error;
    const name = access.uri.replace(/\/+$/, '').split('/').pop() ?? access.uri;
    const links = folderLinks(access.target, config);
    return { uri: access.uri, name, kind: 'folder', links, webLinks: [] };
  }
  // Embargoed downloads need the caller's key at the API: the API URL, never a presigned one (no `location`).
  const download = file.asset
    ? explorer.archive.dandi(file.asset.instance).downloadUrl(file.asset.assetId)
    : file.location.kind === 'remote'
      ? file.location.url
      : undefined;
  const label = (name: string) => file.links.find((link) => link.label === name)?.url;
  const dandiWeb = label('DANDI web');
  const neurosift = label('Neurosift');
  const info: Info = {
    uri: file.uri,
    name: file.name,
    kind: 'file',
    ...(file.size === undefined ? {} : { size: file.size }),
    ...(file.etag === undefined ? {} : { etag: file.etag }),
    ...(file.contentType === undefined ? {} : { contentType: file.contentType }),
    digests: file.digests,
    ...(file.object === undefined ? {} : { object: file.object }),
    ...(file.asset === undefined ? {} : { asset: file.asset }),
    links: {
      ...(dandiWeb === undefined ? {} : { dandiWeb }),
      ...(neurosift === undefined ? {} : { neurosift }),
      ...(download === undefined ? {} : { download }),
    },
    webLinks: file.links,
  };
  return info;
}

/** A dandiset folder's place in the instance's web file browser (files have core's dandiWebLinks). */
function folderLinks(target: ArchiveTarget, config: Config): Info['links'] {
  if (target.kind !== 'dandiset') return {};
  const web = getInstance(config, target.instance).web;
  if (web === null) return {};
  const folder = target.path === '' ? '' : `?location=${encodeURIComponent(target.path.replace(/\/$/, ''))}`;
  return { dandiWeb: `${web}/dandiset/${target.dandisetId}/${target.version ?? 'draft'}/files${folder}` };
}
