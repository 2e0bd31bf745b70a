// Which Explorer answers a request, and the open files it keeps. Anonymous requests share one Explorer and a small
// pool of open files (opening an HDF5 file costs a few range requests; a viewer asks the same file many times).
// A request with `Authorization: token <key>` gets an Explorer of its own holding that key for the one DANDI
// instance its identifier names (core sends a key only to its own instance), and its files are closed afterwards:
// nothing embargoed outlives the request or reaches another caller.
import {
  createArchive,
  createExplorer,
  type ArchiveTarget,
  type Config,
  type FetchFunction,
  type InProcessExplorer,
  type InProcessFile,
  type OpenHdf5Function,
} from '@ember-archive/core';
import { isAllowedUrl } from './allow-list.js';
import { OutsideAllowListError } from './errors.js';
import { guardedFetch } from './guarded-fetch.js';
import type { ApiContext } from './settings.js';

/** What a handler uses to read: the Explorer for this caller, and leased open files. */
export interface RequestExplorer {
  explorer: InProcessExplorer;
  /** Run `use` on the open file `uri`; the file stays open for other requests (anonymous) or is closed (keyed). */
  withFile<T>(uri: string, use: (file: InProcessFile) => Promise<T>): Promise<T>;
}

interface PooledFile {
  file: Promise<InProcessFile>;
  users: number;
}

/** Explorers and open files of one app. */
export class ExplorerPool {
  readonly #context: ApiContext;
  readonly #openHdf5: OpenHdf5Function;
  readonly #fetch: FetchFunction;
  readonly #shared: InProcessExplorer;
  /** Open files of anonymous requests, least recently used first. */
  readonly #files = new Map<string, PooledFile>();
  readonly #capacity: number;

  constructor(
    context: ApiContext,
    openHdf5: OpenHdf5Function,
    options: { fetch?: FetchFunction; openFiles?: number } = {},
  ) {
    this.#context = context;
    // The last hop before bytes are read: where the archive resolved a file to (an S3 object, a presigned URL) must
    // be on the allow-list too.
    this.#openHdf5 = (location, name) => {
      if (!isAllowedUrl(location, context)) {
        return Promise.reject(
          new OutsideAllowListError(`${location} is not a host this server may read from.`, location),
        );
      }
      return openHdf5(location, name);
    };
    this.#fetch = guardedFetch(context, options.fetch);
    this.#capacity = options.openFiles ?? 16;
    // The server holds no key of its own: only callers' keys are used, per request.
    this.#shared = this.#explorer({ ...context.config, apiKeys: {} });
  }

  /** The Explorer for a request to `target` with this Authorization `key` (undefined: anonymous). */
  forRequest(target: ArchiveTarget, key: string | undefined): RequestExplorer {
    if (key === undefined) return { explorer: this.#shared, withFile: (uri, use) => this.#withPooled(uri, use) };
    const instance = 'instance' in target ? target.instance : undefined;
    const apiKeys = instance === undefined ? {} : { [instance]: key };
    const explorer = this.#explorer({ ...this.#context.config, apiKeys });
    return {
      explorer,
      withFile: async (uri, use) => {
        const file = await explorer.open(uri);
        try {
          return await use(file);
        } finally {
          await file.close();
        }
      },
    };
  }

  /** Close every pooled file (server shutdown, tests). */
  async close(): Promise<void> {
    const files = [...this.#files.values()];
    this.#files.clear();
    await Promise.all(files.map((entry) => entry.file.then((f) => f.close()).catch(() => undefined)));
  }

  #explorer(config: Config): InProcessExplorer {
    // No localFiles: a local path has no way to be read here even if it got past the allow-list.
    const archive = createArchive(config, { fetch: this.#fetch });
    const api = config.instances[config.defaultInstance]?.api ?? '';
    return createExplorer({
      archive,
      openHdf5: this.#openHdf5,
      rootLabel: `${config.s3.endpoint}/${config.s3.bucket} + ${api}`,
      poseFrameLimit: this.#context.settings.limits.frames,
    });
  }

  async #withPooled<T>(uri: string, use: (file: InProcessFile) => Promise<T>): Promise<T> {
    let entry = this.#files.get(uri);
    if (entry) this.#files.delete(uri);
    else entry = { file: this.#shared.open(uri), users: 0 };
    this.#files.set(uri, entry);
    entry.users++;
    try {
      return await use(await entry.file);
    } catch (error) {
      // A file that failed to open is not kept: the next request tries again.
      if (this.#files.get(uri) === entry && (await settled(entry.file)) === 'rejected') this.#files.delete(uri);
      throw error;
    } finally {
      entry.users--;
      this.#evict();
    }
  }

  #evict(): void {
    for (const [uri, entry] of this.#files) {
      if (this.#files.size <= this.#capacity) return;
      if (entry.users > 0) continue;
      this.#files.delete(uri);
      void entry.file.then((f) => f.close()).catch(() => undefined);
    }
  }
}

async function settled(promise: Promise<unknown>): Promise<'fulfilled' | 'rejected'> {
  return promise.then(
    () => 'fulfilled' as const,
    () => 'rejected' as const,
  );
}
