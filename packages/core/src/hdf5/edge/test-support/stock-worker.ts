// A Worker that opens a file without handing h5wasm its precompiled module (what a stock h5wasm does): workerd must
// refuse to compile the embedded wasm, and openHdf5Url must say so with a typed error instead of hanging.
import { openHdf5Url } from '../../../edge.js';
import { describeError } from '../../browser/test-support/report.js';

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url).searchParams.get('url') ?? '';
    try {
      const file = await openHdf5Url(url);
      await file.close();
      return Response.json({ opened: true });
    } catch (error) {
      return Response.json({ openError: describeError(error) });
    }
  },
};
