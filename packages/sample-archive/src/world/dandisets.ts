// The EMBER-DANDI side of the sample world: dandisets, versions and assets, with their blobs in `blobs/` and
// the archive's per-version YAML in `dandisets/`. Metadata follows dandi-schema (dandischema/models.py:
// Dandiset, Asset, Participant, Session, AssetsSummary); every name and description says it is synthetic.
import { createHash } from 'node:crypto';
import { SAMPLE_EPOCH } from '../store.js';
import { digestBytes } from './digests.js';
import type { WorldAsset, WorldCatalog, WorldDandiset, WorldVersion } from './model.js';
import { utf8, type PlannedObject, type WorldGenerators } from './plan.js';
import { blobKey, stableSeed, stableUuid } from './random.js';
import { toYaml } from './yaml.js';

/** dandischema `DANDI_SCHEMA_VERSION` the sample metadata claims (dandischema/consts.py). */
export const SAMPLE_SCHEMA_VERSION = '0.6.10';

const MOUSE = {
  schemaKey: 'SpeciesType',
  identifier: 'http://purl.obolibrary.org/obo/NCBITaxon_10090',
  name: 'Mus musculus - House mouse',
};
const SEX = {
  M: { schemaKey: 'SexType', identifier: 'http://purl.obolibrary.org/obo/PATO_0000384', name: 'Male' },
  F: { schemaKey: 'SexType', identifier: 'http://purl.obolibrary.org/obo/PATO_0000383', name: 'Female' },
} as const;
const NWB_STANDARD = { schemaKey: 'StandardsType', name: 'Neurodata Without Borders (NWB)', identifier: 'RRID:SCR_015242' };
const BIDS_STANDARD = { schemaKey: 'StandardsType', name: 'Brain Imaging Data Structure (BIDS)', identifier: 'RRID:SCR_016124' };
const BEHAVIOR_APPROACH = { schemaKey: 'ApproachType', name: 'behavioral approach' };
const BEHAVIOR_TECHNIQUE = { schemaKey: 'MeasurementTechniqueType', name: 'behavioral technique' };

interface Subject {
  id: string;
  sex: 'M' | 'F';
  ageDays: number;
}

interface AssetSpec {
  path: string;
  bytes: Uint8Array;
  encodingFormat: string;
  subject?: Subject;
  session?: { id: string; description: string; start: string };
  variableMeasured?: string[];
}

interface DandisetSpec {
  identifier: string;
  name: string;
  description: string;
  keywords: string[];
  contact: string;
  embargoed: boolean;
  /** Days before SAMPLE_EPOCH the dandiset was created. */
  ageDays: number;
  assets: AssetSpec[];
  /** A published version holding the first `count` assets, if any. */
  published?: { version: string; count: number };
}

const minutes = (base: Date, n: number): string => new Date(base.getTime() + n * 60_000).toISOString().replace('.000Z', '.000000Z');

/** Builds the catalog and the bucket objects (blobs plus `dandisets/` YAML) for every sample dandiset. */
export class DandisetsBuilder {
  readonly objects: PlannedObject[] = [];
  readonly catalog: WorldCatalog = { dandisets: [], assets: [] };
  readonly #assetsByPath = new Map<string, WorldAsset>();

  constructor(readonly seed: number) {}

  /** Adds one dandiset with its blobs and versions. */
  add(spec: DandisetSpec): WorldDandiset {
    const created = new Date(SAMPLE_EPOCH.getTime() - spec.ageDays * 86_400_000);
    const assets = spec.assets.map((a, i) => this.#asset(spec, a, minutes(created, 10 + i / 60)));
    const draftModified = assets.at(-1)?.modified ?? minutes(created, 1);
    const versions: WorldVersion[] = [];
    if (spec.published) {
      const published = assets.slice(0, spec.published.count);
      const when = minutes(created, 60 * 24 * 7);
      versions.push(this.#version(spec, spec.published.version, published, when, when));
    }
    versions.push(this.#version(spec, 'draft', assets, minutes(created, 0), draftModified));
    const dandiset: WorldDandiset = {
      identifier: spec.identifier,
      created: minutes(created, 0),
      modified: draftModified,
      embargoStatus: spec.embargoed ? 'EMBARGOED' : 'OPEN',
      contactPerson: spec.contact,
      // dandi-archive orders versions by `created`; the draft exists first, the release follows.
      versions: versions.sort((a, b) => a.created.localeCompare(b.created)),
    };
    this.catalog.dandisets.push(dandiset);
    if (!spec.embargoed) this.#yamlObjects(dandiset);
    return dandiset;
  }

  #asset(spec: DandisetSpec, a: AssetSpec, when: string): WorldAsset {
    const label = `${spec.identifier}/${a.path}`;
    const blobId = stableUuid(this.seed, `blob/${label}`);
    const digest = digestBytes(a.bytes);
    const metadata: Record<string, unknown> = {
      schemaKey: 'Asset',
      schemaVersion: SAMPLE_SCHEMA_VERSION,
      encodingFormat: a.encodingFormat,
      access: [{ schemaKey: 'AccessRequirements', status: spec.embargoed ? 'dandi:EmbargoedAccess' : 'dandi:OpenAccess' }],
      dateModified: when,
      blobDateModified: when,
      approach: [BEHAVIOR_APPROACH],
      measurementTechnique: [BEHAVIOR_TECHNIQUE],
      variableMeasured: (a.variableMeasured ?? []).map((value) => ({ schemaKey: 'PropertyValue', value })),
    };
    if (a.subject) {
      metadata.wasAttributedTo = [
        {
          schemaKey: 'Participant',
          identifier: a.subject.id,
          species: MOUSE,
          sex: SEX[a.subject.sex],
          age: {
            schemaKey: 'PropertyValue',
            value: `P${a.subject.ageDays}D`,
            unitText: 'ISO-8601 duration',
            valueReference: { schemaKey: 'PropertyValue', value: 'dandi:BirthReference' },
          },
        },
      ];
    }
    if (a.session) {
      metadata.wasGeneratedBy = [
        {
          schemaKey: 'Session',
          identifier: a.session.id,
          name: `Session ${a.session.id} (synthetic)`,
          description: a.session.description,
          startDate: a.session.start,
        },
      ];
    }
    const asset: WorldAsset = {
      assetId: stableUuid(this.seed, `asset/${label}`),
      blobId,
      blobKey: blobKey(blobId),
      path: a.path,
      size: a.bytes.byteLength,
      created: when,
      modified: when,
      encodingFormat: a.encodingFormat,
      digest,
      metadata,
    };
    this.catalog.assets.push(asset);
    this.#assetsByPath.set(label, asset);
    // A blob's S3 ETag is what S3 reports for the multipart upload dandi-cli makes, i.e. the dandi-etag.
    this.objects.push({
      key: asset.blobKey,
      contentType: 'application/octet-stream',
      etag: digest['dandi:dandi-etag'],
      size: asset.size,
      source: { bytes: a.bytes },
    });
    return asset;
  }

  #version(spec: DandisetSpec, version: string, assets: WorldAsset[], created: string, modified: string): WorldVersion {
    const subjects = new Set<string>();
    const variables = new Set<string>();
    for (const asset of assets) {
      const attributed = asset.metadata.wasAttributedTo as { identifier: string }[] | undefined;
      for (const p of attributed ?? []) subjects.add(p.identifier);
      for (const v of asset.metadata.variableMeasured as { value: string }[]) variables.add(v.value);
    }
    const standards = [];
    if (assets.some((a) => a.path.endsWith('.nwb'))) standards.push(NWB_STANDARD);
    if (assets.some((a) => a.path === 'dataset_description.json')) standards.push(BIDS_STANDARD);
    const year = SAMPLE_EPOCH.getUTCFullYear();
    const metadata: Record<string, unknown> = {
      '@context': `https://raw.githubusercontent.com/dandi/schema/master/releases/${SAMPLE_SCHEMA_VERSION}/context.json`,
      schemaKey: 'Dandiset',
      schemaVersion: SAMPLE_SCHEMA_VERSION,
      id: `DANDI:${spec.identifier}/${version}`,
      identifier: `DANDI:${spec.identifier}`,
      name: spec.name,
      description: spec.description,
      version,
      // dateCreated is the dandiset's creation, the same in every version.
      dateCreated: minutes(new Date(SAMPLE_EPOCH.getTime() - spec.ageDays * 86_400_000), 0),
      contributor: [
        {
          schemaKey: 'Person',
          name: spec.contact,
          email: 'sample-archive@example.invalid',
          roleName: ['dcite:ContactPerson', 'dcite:Author'],
          includeInCitation: true,
        },
      ],
      license: ['spdx:CC-BY-4.0'],
      keywords: ['synthetic', 'sample', ...spec.keywords],
      access: [
        spec.embargoed
          ? { schemaKey: 'AccessRequirements', status: 'dandi:EmbargoedAccess', embargoedUntil: `${year + 2}-06-01` }
          : { schemaKey: 'AccessRequirements', status: 'dandi:OpenAccess' },
      ],
      citation: `${spec.contact} (${year}) ${spec.name} (Version ${version}) [Data set]. ember-sample-archive.`,
      repository: 'https://dandiarchive.org/',
      assetsSummary: {
        schemaKey: 'AssetsSummary',
        numberOfBytes: assets.reduce((n, a) => n + a.size, 0),
        numberOfFiles: assets.length,
        numberOfSubjects: subjects.size,
        species: subjects.size > 0 ? [MOUSE] : [],
        approach: assets.length > 0 ? [BEHAVIOR_APPROACH] : [],
        measurementTechnique: assets.length > 0 ? [BEHAVIOR_TECHNIQUE] : [],
        variableMeasured: [...variables].sort(),
        dataStandard: standards,
      },
    };
    if (version !== 'draft') {
      metadata.datePublished = modified;
      metadata.publishedBy = {
        schemaKey: 'PublishActivity',
        id: `urn:uuid:${stableUuid(this.seed, `publish/${spec.identifier}/${version}`)}`,
        name: 'DANDI publish',
        startDate: modified,
        endDate: modified,
      };
    }
    return {
      version,
      name: spec.name,
      status: version === 'draft' ? 'Valid' : 'Published',
      created,
      modified,
      metadata,
      assetIds: assets.map((a) => a.assetId),
    };
  }

  /** `dandisets/<id>/<version>/dandiset.yaml` and `assets.yaml`, as the archive writes them to the bucket. */
  #yamlObjects(dandiset: WorldDandiset): void {
    const byId = new Map(this.catalog.assets.map((a) => [a.assetId, a]));
    for (const version of dandiset.versions) {
      const assets = version.assetIds.map((id) => byId.get(id)).filter((a): a is WorldAsset => a !== undefined);
      // contentUrl is left out: its API and S3 hosts are only known once the servers listen.
      const assetsYaml = assets.map((a) => ({
        ...a.metadata,
        id: `dandiasset:${a.assetId}`,
        identifier: a.assetId,
        path: a.path,
        contentSize: a.size,
        digest: a.digest,
      }));
      for (const [name, value] of [['dandiset.yaml', version.metadata], ['assets.yaml', assetsYaml]] as const) {
        const bytes = utf8(toYaml(value));
        this.objects.push({
          key: `dandisets/${dandiset.identifier}/${version.version}/${name}`,
          contentType: 'application/x-yaml',
          etag: md5Hex(bytes),
          size: bytes.byteLength,
          source: { bytes },
        });
      }
    }
  }
}

/** S3's ETag for a single-part upload. */
function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

const NWB = 'application/x-nwb';

/** Every sample dandiset, generated from the seed. */
export async function buildDandisets(seed: number, generators: WorldGenerators): Promise<DandisetsBuilder> {
  const builder = new DandisetsBuilder(seed);

  // 000463: shaped like EMBER-DANDI's "Mouse food sniff": subject folders of NWB files, one per session,
  // each holding the acquisition traces (TimeSeries) and the DeepLabCut pose (ndx-pose) together.
  const sniff: AssetSpec[] = [];
  for (let s = 1; s <= 4; s++) {
    const subject: Subject = { id: `ADPTM0${s}`, sex: s % 2 === 1 ? 'M' : 'F', ageDays: 84 + 7 * s };
    for (let k = 1; k <= 2; k++) {
      const start = `2024-03-${String(s * 2 + k).padStart(2, '0')}T10:${String(10 * k).padStart(2, '0')}:00-05:00`;
      const sessionId = `2024030${s}T10${k}000`;
      const bytes = await generators.nwbPose({
        seed: stableSeed(seed, `000463/${subject.id}/${sessionId}`),
        subjectId: subject.id,
        sessionId,
        frames: s === 1 && k === 1 ? 1800 : 300,
        rate: 60,
        timing: k === 1 ? 'rate' : 'timestamps',
        sex: subject.sex,
        age: `P${subject.ageDays}D`,
      });
      sniff.push({
        path: `sub-${subject.id}/sub-${subject.id}_ses-${sessionId}_behavior+image.nwb`,
        bytes,
        encodingFormat: NWB,
        subject,
        session: { id: sessionId, description: 'Synthetic food-sniff session: thermistor, sound, TTL and pose.', start },
        variableMeasured: ['PoseEstimation', 'PoseEstimationSeries', 'TimeSeries'],
      });
    }
  }
  builder.add({
    identifier: '000463',
    name: 'Mouse food sniff (SYNTHETIC SAMPLE)',
    description:
      'Synthetic sample shaped like EMBER-DANDI 000463 (sniffing and forelimb movement during feeding). ' +
      'Generated by ember-sample-archive; not a real recording.',
    keywords: ['olfaction', 'sniffing', 'pose estimation', 'DeepLabCut'],
    contact: 'Sample, Synthetic',
    embargoed: false,
    ageDays: 120,
    assets: sniff,
  });

  // 000470: BIDS-organised, NWB files in sub-<label>/ses-<label>/behavior/, with a release beside the draft.
  const bids: AssetSpec[] = [
    { path: 'dataset_description.json', bytes: utf8(JSON.stringify({ Name: 'Synthetic BIDS pose sample', BIDSVersion: '1.9.0', DatasetType: 'raw', GeneratedBy: [{ Name: 'ember-sample-archive' }] }, null, 2)), encodingFormat: 'application/json' },
    { path: 'README', bytes: utf8('SYNTHETIC SAMPLE. A BIDS-organised dandiset generated by ember-sample-archive.\n'), encodingFormat: 'text/plain' },
    { path: 'participants.tsv', bytes: utf8('participant_id\tspecies\tsex\nsub-01\tMus musculus\tM\nsub-02\tMus musculus\tF\nsub-03\tMus musculus\tM\n'), encodingFormat: 'text/tab-separated-values' },
  ];
  for (let s = 1; s <= 3; s++) {
    const subject: Subject = { id: `0${s}`, sex: s === 2 ? 'F' : 'M', ageDays: 70 + s };
    bids.push({
      path: `sub-0${s}/sub-0${s}_sessions.tsv`,
      bytes: utf8(`session_id\tacq_time\nses-01\t2024-05-0${s}T09:00:00\nses-02\t2024-05-1${s}T09:00:00\n`),
      encodingFormat: 'text/tab-separated-values',
      subject,
    });
    for (let k = 1; k <= 2; k++) {
      const bytes = await generators.nwbPose({
        seed: stableSeed(seed, `000470/${s}/${k}`),
        subjectId: `0${s}`,
        sessionId: `0${k}`,
        frames: 150,
        rate: 30,
        timing: (s + k) % 2 === 0 ? 'rate' : 'timestamps',
        sex: subject.sex,
        age: `P${subject.ageDays}D`,
      });
      bids.push({
        path: `sub-0${s}/ses-0${k}/behavior/sub-0${s}_ses-0${k}_behavior.nwb`,
        bytes,
        encodingFormat: NWB,
        subject,
        session: { id: `0${k}`, description: 'Synthetic open-field session (BIDS layout).', start: `2024-05-${k}${s}T09:00:00+00:00` },
        variableMeasured: ['PoseEstimation', 'PoseEstimationSeries'],
      });
    }
  }
  builder.add({
    identifier: '000470',
    name: 'BIDS-organised open-field pose (SYNTHETIC SAMPLE)',
    description: 'Synthetic BIDS dataset: NWB pose files under sub-<label>/ses-<label>/behavior/. Published once; the draft has one more session.',
    keywords: ['BIDS', 'open field', 'pose estimation'],
    contact: 'Sample, Synthetic',
    embargoed: false,
    ageDays: 90,
    assets: bids,
    published: { version: `0.${SAMPLE_EPOCH.toISOString().slice(2, 10).replace(/-/g, '')}.0001`, count: bids.length - 1 },
  });

  // 000471: embargoed; every endpoint answers 401 without `Authorization: token <key>`.
  const embargoed: AssetSpec[] = [];
  for (let k = 1; k <= 2; k++) {
    const subject: Subject = { id: 'EMB01', sex: 'F', ageDays: 100 };
    const bytes = await generators.nwbPose({ seed: stableSeed(seed, `000471/${k}`), subjectId: 'EMB01', sessionId: `0${k}`, frames: 120, rate: 30, timing: 'rate', sex: 'F', age: 'P100D' });
    embargoed.push({
      path: `sub-EMB01/sub-EMB01_ses-0${k}_behavior+image.nwb`,
      bytes,
      encodingFormat: NWB,
      subject,
      session: { id: `0${k}`, description: 'Synthetic embargoed session.', start: `2025-01-0${k}T12:00:00+00:00` },
      variableMeasured: ['PoseEstimation'],
    });
  }
  builder.add({
    identifier: '000471',
    name: 'Embargoed pilot (SYNTHETIC SAMPLE)',
    description: 'Synthetic embargoed dandiset: visible only with an API key.',
    keywords: ['embargo'],
    contact: 'Sample, Synthetic',
    embargoed: true,
    ageDays: 30,
    assets: embargoed,
  });

  // 000472: more than 1,000 small assets, 1,050 of them in one folder, so every client must paginate
  // both /assets/ and /assets/paths/ (page_size is capped at 1,000: dandiapi/api/views/pagination.py).
  const many: AssetSpec[] = [];
  const counts = [1050, 184];
  counts.forEach((count, s) => {
    const subject: Subject = { id: `MANY0${s + 1}`, sex: 'M', ageDays: 60 };
    for (let t = 1; t <= count; t++) {
      const trial = String(t).padStart(4, '0');
      const body = { synthetic: true, generator: 'ember-sample-archive', subject: subject.id, trial: t, latency_s: ((t * 37) % 1000) / 1000 };
      many.push({
        path: `sub-${subject.id}/trials/sub-${subject.id}_trial-${trial}_events.json`,
        bytes: utf8(`${JSON.stringify(body)}\n`),
        encodingFormat: 'application/json',
        subject,
        variableMeasured: ['TrialEvents'],
      });
    }
  });
  builder.add({
    identifier: '000472',
    name: 'Many small trial files (SYNTHETIC SAMPLE)',
    description: 'Synthetic dandiset with 1,234 small JSON files, so listings must follow `next` links.',
    keywords: ['pagination'],
    contact: 'Sample, Synthetic',
    embargoed: false,
    ageDays: 60,
    assets: many,
  });

  // 000473: created but still empty, for the `empty=false` filter.
  builder.add({
    identifier: '000473',
    name: 'Empty draft (SYNTHETIC SAMPLE)',
    description: 'Synthetic dandiset with no assets yet.',
    keywords: ['empty'],
    contact: 'Sample, Synthetic',
    embargoed: false,
    ageDays: 10,
    assets: [],
  });
  return builder;
}
