// What the explorer contract suite reads, found the way a person finds it: by listing from the root of the sample
// archive (a JABS pose file of project kumar2025, an NWB file of dandiset 000463), plus named corpus files.
import type { Explorer, ListingEntry } from '../explorer.js';

/** Corpus files (relative to fixtures/corpus) the suite opens in every provider. */
export const CONTRACT_CORPUS = [
  'ndx-pose/0.3.0_poseestimation_one_camera.nwb',
  'nwb-core/2.2.0_subject_no_age__reference.nwb',
  'jabs/sample_pose_est_v3.h5',
  'dlc/m3v1mp4DLC_resnet50_openfieldAug20shuffle1_30000.h5',
] as const;

/** The sample archive's folders and files the suite visits. */
export interface ContractTargets {
  /** Every folder listed on the way, '' for the root. */
  folders: string[];
  project: ListingEntry;
  poseFolder: ListingEntry;
  poseFile: ListingEntry;
  dandiset: ListingEntry;
  nwbFile: ListingEntry;
}

/** Every entry of `uri`, page after page. */
export async function listAll(explorer: Explorer, uri: string | undefined): Promise<ListingEntry[]> {
  const all: ListingEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await explorer.listPage(uri, cursor);
    all.push(...page.entries);
    cursor = page.next;
  } while (cursor !== undefined);
  return all;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The sample archive has no ${what}.`);
  return value;
}

/** Find the suite's targets by listing from the root of `explorer`. */
export async function findContractTargets(explorer: Explorer): Promise<ContractTargets> {
  const root = await listAll(explorer, undefined);
  const project = found(
    root.find((e) => e.name === 'kumar2025'),
    'project kumar2025',
  );
  const poseFolder = found(
    (await listAll(explorer, project.uri)).find((e) => e.name === 'pose_files'),
    'pose_files',
  );
  const poseFiles = await listAll(explorer, poseFolder.uri);
  const poseFile = found(
    poseFiles.find((e) => /_pose_est_v[3-9]\.h5$/.test(e.name)),
    'JABS v3+ pose file',
  );
  const dandiset = found(
    root.find((e) => e.name === '000463'),
    'dandiset 000463',
  );
  const subjects = await listAll(explorer, dandiset.uri);
  const subject = found(
    subjects.find((e) => e.kind === 'folder'),
    'subject folder in 000463',
  );
  const nwbFile = found(
    (await listAll(explorer, subject.uri)).find((e) => e.name.endsWith('.nwb')),
    'NWB file in 000463',
  );
  return {
    folders: ['', project.uri, poseFolder.uri, dandiset.uri, subject.uri],
    project,
    poseFolder,
    poseFile,
    dandiset,
    nwbFile,
  };
}
