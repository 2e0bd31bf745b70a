// What an NWB file holds, read from its metadata only (no bulk data): session, subject, devices, the typed children
// of acquisition / processing / intervals / stimulus / analysis, and the cached namespaces.
// Layout: nwb-schema core/nwb.file.yaml (NWBFile, general/*, Subject) and docs/storage/source/storage_hdf5.rst
// (/specifications/<namespace>/<version>/<source> cached spec).
import type { Hdf5File } from '../hdf5/types.js';
import { NotFoundError, UnsupportedError } from '../errors.js';
import { listTypedChildren, type NwbObject } from './neurodata.js';
import { attrsOf, childPath, readText, readTextList, referenceTarget, resolveNode, toText } from './values.js';

/** A processing module and its data interfaces. */
export interface NwbProcessingModule extends NwbObject {
  interfaces: NwbObject[];
}

/** The subject of the session (any field the file gives; `age` keeps its `reference` attribute). */
export interface NwbSubject {
  subjectId?: string;
  species?: string;
  sex?: string;
  age?: string;
  /** NWB 2.6+: "birth" or "gestational". */
  ageReference?: string;
  genotype?: string;
  strain?: string;
  weight?: string;
  dateOfBirth?: string;
  description?: string;
  /** Every other text field of /general/subject, by dataset name. */
  other: Record<string, string>;
}

/** A device under /general/devices. */
export interface NwbDevice {
  name: string;
  path: string;
  neurodataType?: string;
  description?: string;
  manufacturer?: string;
}

/** One cached namespace and the versions cached for it. */
export interface NwbNamespace {
  name: string;
  versions: string[];
}

/** What an NWB file holds, as its metadata says. */
export interface NwbSummary {
  /** The file it was read from, as it was opened (Hdf5File.name; see PoseData.location). */
  location: string;
  nwbVersion?: string;
  identifier?: string;
  sessionDescription?: string;
  sessionStartTime?: string;
  timestampsReferenceTime?: string;
  fileCreateDate: string[];
  sessionId?: string;
  experimentDescription?: string;
  experimenter: string[];
  institution?: string;
  lab?: string;
  keywords: string[];
  relatedPublications: string[];
  subject?: NwbSubject;
  devices: NwbDevice[];
  acquisition: NwbObject[];
  processing: NwbProcessingModule[];
  intervals: NwbObject[];
  /** Children of /stimulus/presentation and /stimulus/templates (paths tell which). */
  stimulus: NwbObject[];
  analysis: NwbObject[];
  namespaces: NwbNamespace[];
}

const SUBJECT_FIELDS: Record<string, keyof Omit<NwbSubject, 'other' | 'ageReference'>> = {
  subject_id: 'subjectId',
  species: 'species',
  sex: 'sex',
  age: 'age',
  genotype: 'genotype',
  strain: 'strain',
  weight: 'weight',
  date_of_birth: 'dateOfBirth',
  description: 'description',
};

/** Read the summary of an NWB file: session, subject, devices, typed children of the top groups, cached namespaces. */
export async function readNwbSummary(file: Hdf5File): Promise<NwbSummary> {
  const root = await file.attrs('/');
  const nwbVersion = toText(root.nwb_version) ?? (await readText(file, '/nwb_version'));
  if (nwbVersion === undefined && toText(root.neurodata_type) !== 'NWBFile') {
    const hasCore = await resolveNode(file, '/session_start_time');
    if (!hasCore)
      throw new UnsupportedError(`${file.name} is an HDF5 file but not an NWB file (no nwb_version).`, file.name);
  }
  const [
    fileCreateDate,
    experimenter,
    keywords,
    relatedPublications,
    devices,
    acquisition,
    processing,
    intervals,
    presentation,
    templates,
    analysis,
    namespaces,
  ] = await Promise.all([
    readTextList(file, '/file_create_date'),
    readTextList(file, '/general/experimenter'),
    readTextList(file, '/general/keywords'),
    readTextList(file, '/general/related_publications'),
    readDevices(file),
    listTypedChildren(file, '/acquisition'),
    readProcessing(file),
    listTypedChildren(file, '/intervals'),
    listTypedChildren(file, '/stimulus/presentation'),
    listTypedChildren(file, '/stimulus/templates'),
    listTypedChildren(file, '/analysis'),
    readCachedNamespaces(file),
  ]);
  const summary: NwbSummary = {
    location: file.name,
    fileCreateDate: fileCreateDate ?? [],
    experimenter: experimenter ?? [],
    keywords: keywords ?? [],
    relatedPublications: relatedPublications ?? [],
    devices,
    acquisition,
    processing,
    intervals,
    stimulus: [...presentation, ...templates],
    analysis,
    namespaces,
  };
  const optional: [keyof NwbSummary, string][] = [
    ['identifier', '/identifier'],
    ['sessionDescription', '/session_description'],
    ['sessionStartTime', '/session_start_time'],
    ['timestampsReferenceTime', '/timestamps_reference_time'],
    ['sessionId', '/general/session_id'],
    ['experimentDescription', '/general/experiment_description'],
    ['institution', '/general/institution'],
    ['lab', '/general/lab'],
  ];
  if (nwbVersion !== undefined) summary.nwbVersion = nwbVersion;
  const values = await Promise.all(optional.map(([, path]) => readText(file, path)));
  optional.forEach(([key], i) => {
    if (values[i] !== undefined) (summary as unknown as Record<string, unknown>)[key] = values[i];
  });
  const subject = await readSubject(file);
  if (subject) summary.subject = subject;
  return summary;
}

async function readSubject(file: Hdf5File): Promise<NwbSubject | undefined> {
  const node = await resolveNode(file, '/general/subject');
  if (!node || node.kind !== 'group') return undefined;
  const subject: NwbSubject = { other: {} };
  for (const child of await file.list('/general/subject')) {
    const name = child.path.slice(child.path.lastIndexOf('/') + 1);
    const path = childPath('/general/subject', name);
    const value = await readText(file, path);
    if (value === undefined) continue;
    const field = SUBJECT_FIELDS[name];
    if (field) subject[field] = value;
    else subject.other[name] = value;
    if (name === 'age') {
      const reference = toText((await file.attrs(path)).reference);
      if (reference !== undefined) subject.ageReference = reference;
    }
  }
  return subject;
}

async function readDevices(file: Hdf5File): Promise<NwbDevice[]> {
  const devices: NwbDevice[] = [];
  for (const child of await listTypedChildren(file, '/general/devices')) {
    const device: NwbDevice = { name: child.name, path: child.path };
    if (child.neurodataType) device.neurodataType = child.neurodataType;
    if (child.description) device.description = child.description;
    const attrs = await attrsOf(file, child.path);
    const manufacturer = toText(attrs.manufacturer) ?? (await readText(file, childPath(child.path, 'manufacturer')));
    if (manufacturer !== undefined) device.manufacturer = manufacturer;
    devices.push(device);
  }
  return devices;
}

async function readProcessing(file: Hdf5File): Promise<NwbProcessingModule[]> {
  const modules = await listTypedChildren(file, '/processing');
  return Promise.all(
    modules.map(async (module) => ({ ...module, interfaces: await listTypedChildren(file, module.path) })),
  );
}

/** Cached namespaces: /specifications (or wherever the root `.specloc` reference points) -> name -> versions. */
export async function readCachedNamespaces(file: Hdf5File): Promise<NwbNamespace[]> {
  const root = await file.attrs('/');
  const specPath = referenceTarget(root['.specloc']) ?? '/specifications';
  const node = await resolveNode(file, specPath);
  if (!node || node.kind !== 'group') return [];
  const out: NwbNamespace[] = [];
  for (const ns of await file.list(specPath)) {
    const name = ns.path.slice(ns.path.lastIndexOf('/') + 1);
    const nsPath = childPath(specPath, name);
    if ((await resolveNode(file, nsPath))?.kind !== 'group') continue;
    const versions = (await file.list(nsPath)).map((v) => v.path.slice(v.path.lastIndexOf('/') + 1));
    out.push({ name, versions });
  }
  return out;
}

/** Fail with NotFoundError unless `path` exists in the file. */
export async function requireNode(file: Hdf5File, path: string): Promise<void> {
  if (!(await resolveNode(file, path)))
    throw new NotFoundError(`${file.name} has nothing at ${path}.`, `${file.name}#${path}`);
}
