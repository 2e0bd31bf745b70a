// A memory explorer's content recorded from the in-process explorer: every folder and file the contract suite
// visits, read whole (listings, trees with attributes and storage facts, dataset summaries and values, the NWB
// summary, pose per container). The memory provider then answers the suite from this snapshot with its own paging,
// windowing, selection and decimation.
import { UnsupportedError } from '../../errors.js';
import type { DatasetValues } from '../../hdf5/types.js';
import type { PoseData } from '../../pose/model.js';
import type { InProcessExplorer, InProcessFile } from '../in-process.js';
import type { MemoryContent, MemoryFile } from '../memory-explorer.js';
import { listAll } from './contract-targets.js';

/** Datasets larger than this are recorded without their values (the suite reads values of small ones only). */
const MAX_RECORDED_ELEMENTS = 200_000;

async function recordFile(file: InProcessFile): Promise<MemoryFile> {
  const nodes = await file.tree('/', { storage: true });
  const datasets: NonNullable<MemoryFile['datasets']> = {};
  for (const node of nodes) {
    if (node.kind !== 'dataset') continue;
    const summary = await file.describe(node.path);
    let values: DatasetValues | undefined;
    const opaque = /^(opaque|unknown)/.test(node.dtype ?? '');
    if (node.shape && !opaque && summary.elementCount <= MAX_RECORDED_ELEMENTS) values = await file.values(node.path);
    datasets[node.path] = values ? { summary, values } : { summary };
  }
  const nwbSummary = await file.nwbSummary().catch((error: unknown) => {
    if (error instanceof UnsupportedError) return undefined;
    throw error;
  });
  const poses: PoseData[] = [];
  const first = await file.readPose().catch((error: unknown) => {
    if (error instanceof UnsupportedError) return undefined;
    throw error;
  });
  if (first) {
    for (const container of first.containers ?? [first.container]) poses.push(await file.readPose({ container }));
  }
  return {
    name: file.name,
    nodes,
    datasets,
    ...(nwbSummary ? { nwbSummary } : {}),
    ...(poses.length > 0 ? { pose: poses } : {}),
  };
}

/** Record `folders` (every page) and `files` (uris as the suite names them) from `explorer`. */
export async function recordMemoryContent(
  explorer: InProcessExplorer,
  folders: readonly string[],
  files: readonly string[],
): Promise<MemoryContent> {
  const content: Required<MemoryContent> = { folders: {}, files: {} };
  for (const folder of folders) content.folders[folder] = await listAll(explorer, folder === '' ? undefined : folder);
  for (const uri of files) {
    const file = await explorer.open(uri);
    try {
      content.files[uri] = { ...(await recordFile(file)), info: await explorer.info(uri) };
    } finally {
      await file.close();
    }
  }
  return content;
}
