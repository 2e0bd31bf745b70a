// The test page's script (bundled by esbuild for the browser e2e test): exposes calls the test drives from Node.
import { openHdf5InBrowser } from '../../../browser.js';
import type { Slice } from '../../types.js';
import { describeError, plain, reportFile } from './report.js';

interface PageApi {
  /** Open a URL, report its content and fetch stats; a failure is reported by class and message. */
  report(url: string): Promise<unknown>;
  /** Open, read one selection, close: the values (as a plain array) and the fetch stats. */
  readSelection(url: string, path: string, selection: Slice[]): Promise<unknown>;
  /** Open, close, then call again: the call must fail as closed. */
  closeThenCall(url: string): Promise<unknown>;
}

const api: PageApi = {
  async report(url) {
    let file;
    try {
      file = await openHdf5InBrowser(url);
    } catch (error) {
      return { openError: describeError(error) };
    }
    try {
      const report = await reportFile(file);
      return { report, stats: file.stats(), crossOriginIsolated: globalThis.crossOriginIsolated };
    } catch (error) {
      return { walkError: describeError(error) };
    } finally {
      await file.close();
    }
  },
  async readSelection(url, path, selection) {
    const file = await openHdf5InBrowser(url);
    try {
      const { shape, values } = await file.read(path, selection);
      return { shape, values: plain(values), stats: file.stats() };
    } finally {
      await file.close();
    }
  },
  async closeThenCall(url) {
    const file = await openHdf5InBrowser(url);
    await file.close();
    try {
      await file.walk();
      return { error: null };
    } catch (error) {
      return { error: describeError(error) };
    }
  },
};

(globalThis as unknown as { emberTest: PageApi }).emberTest = api;
