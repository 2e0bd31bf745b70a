// Open an HDF5 file named by any identifier the archive understands: EMBER URIs, dandiset paths, asset and
// API URLs, s3:// and bucket URLs, plain URLs and local paths. The archive says where the bytes are; openHdf5 reads them.
import type { Archive, ArchiveCallOptions, FileLocation } from '../../archive/archive.js';
import { fileTarget, type ArchiveTarget } from '../../archive/target.js';
import { retryPolicyFromConfig } from '../../retry.js';
import { openHdf5, type OpenHdf5Options } from './open-hdf5.js';
import type { Hdf5File } from '../types.js';

/** An opened archive file with where it was found and the `#/path` named in the identifier, if any. */
export interface OpenedArchiveHdf5 {
  file: Hdf5File;
  location: FileLocation;
  /** The object path after `#` in the identifier (e.g. /processing/behavior), or undefined. */
  fragment: string | undefined;
}

/** Resolve `input` through `archive` and open it as HDF5. */
export async function openArchiveHdf5(
  archive: Archive,
  input: string,
  options: OpenHdf5Options & ArchiveCallOptions = {},
): Promise<OpenedArchiveHdf5> {
  const target: ArchiveTarget = archive.parse(input);
  const location = await archive.resolveFile(target, options);
  // Range reads retry and time out as the archive's configuration says (EMBER_MAX_ATTEMPTS, EMBER_TIMEOUT_MS).
  const retry = { ...retryPolicyFromConfig(archive.config.http), ...options.retry };
  // A DANDI asset's bytes are a blob URL; messages name the file as it was asked for.
  const name = options.name ?? archive.format(fileTarget(target));
  const file = await openHdf5(location.kind === 'local' ? location.path : location.url, { ...options, retry, name });
  const fragment = 'fragment' in target && target.fragment ? target.fragment : undefined;
  return { file, location, fragment };
}
