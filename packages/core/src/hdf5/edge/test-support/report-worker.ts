// The Worker the workerd e2e test runs (bundled by esbuild, the way wrangler bundles a Worker): GET /?url=<file>
// opens the file with the edge entry point, walks it, reads every dataset's first rows and one selection given as
// JSON in `slice` (of dataset `path`), and answers with that report and the fetch stats as JSON.
import { openHdf5Url } from '../../../edge.js';
import { describeError, plain, reportFile } from '../../browser/test-support/report.js';
import type { Slice } from '../../types.js';
import wasm from './h5wasm.wasm';

export default {
  async fetch(request: Request): Promise<Response> {
    const params = new URL(request.url).searchParams;
    const url = params.get('url');
    if (!url) return new Response('?url= is required', { status: 400 });
    let file;
    try {
      file = await openHdf5Url(url, { wasm });
    } catch (error) {
      return Response.json({ openError: describeError(error) });
    }
    try {
      const report = await reportFile(file);
      const path = params.get('path');
      const selection = params.get('slice');
      const slice = path
        ? plain(await file.read(path, selection ? (JSON.parse(selection) as Slice[]) : undefined))
        : undefined;
      return Response.json({ report, slice, stats: file.stats() });
    } catch (error) {
      return Response.json({ walkError: describeError(error) });
    } finally {
      await file.close();
    }
  },
};
