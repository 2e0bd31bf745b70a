// How a sample dandiset becomes catalog entries and bucket objects: blobs in `blobs/`, Zarr stores in `zarr/<id>/`,
// and the archive's per-version YAML in `dandisets/`. Metadata follows dandi-schema (dandischema/models.py:
// Dandiset, Asset, Participant, Session, AssetsSummary); every name and description says it is synthetic.
// The dandisets themselves are described in sample-dandisets.ts.
import { SAMPLE_EPOCH } from '../store.js';
import { digestBytes } from './digests.js';
import type { WorldAsset, WorldCatalog, WorldDandiset, WorldVersion } from './model.js';
import { utf8, type PlannedObject } from './plan.js';
import { blobKey, stableUuid } from './random.js';
import { md5Hex, zarrChecksum, type ZarrEntry } from './zarr-store.js';
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
const NWB_STANDARD = {
  schemaKey: 'StandardsType',
  name: 'Neurodata Without Borders (NWB)',
  identifier: 'RRID:SCR_015242',
};
const BIDS_STANDARD = {
  schemaKey: 'StandardsType',
  name: 'Brain Imaging Data Structure (BIDS)',
  identifier: 'RRID:SCR_016124',
};
const BEHAVIOR_APPROACH = { schemaKey: 'ApproachType', name: 'behavioral approach' };
const BEHAVIOR_TECHNIQUE = { schemaKey: 'MeasurementTechniqueType', name: 'behavioral technique' };

/** The instance name the sample archive serves as (dandi-archive `instance_config.instance_name`). */
export const SAMPLE_INSTANCE_NAME = 'EMBER-DANDI';

/** A participant of sample sessions. */
export interface Subject {
  id: string;
  sex: 'M' | 'F';
  ageDays: number;
}

/** One asset to add: a blob (`bytes`) or a Zarr store (`zarr`; its encodingFormat is forced to application/x-zarr). */
export interface AssetSpec {
  path: string;
  bytes?: Uint8Array;
  zarr?: ZarrEntry[];
  encodingFormat: string;
  subject?: Subject;
  session?: { id: string; description: string; start: string };
  variableMeasured?: string[];
}

/** One sample dandiset. */
export interface DandisetSpec {
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
  published?: { version: string; count: number; releaseNotes?: string };
}

/** A timestamp `n` minutes after `base`, with the microseconds dandi-archive prints. */
export const minutes = (base: Date, n: number): string =>
  new Date(base.getTime() + n * 60_000).toISOString().replace('.000Z', '.000000Z');

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
    const stored = a.zarr ? this.#zarrObjects(label, a.zarr) : this.#blobObject(label, a.bytes ?? new Uint8Array(0));
    const metadata: Record<string, unknown> = {
      schemaKey: 'Asset',
      schemaVersion: SAMPLE_SCHEMA_VERSION,
      // dandi-archive forces Zarr assets to application/x-zarr (dandiapi/api/models/asset.py `full_metadata`).
      encodingFormat: a.zarr ? 'application/x-zarr' : a.encodingFormat,
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
      ...stored,
      path: a.path,
      created: when,
      modified: when,
      encodingFormat: metadata.encodingFormat as string,
      metadata,
    };
    this.catalog.assets.push(asset);
    this.#assetsByPath.set(label, asset);
    return asset;
  }

  /** A blob: one object whose S3 ETag is what S3 reports for dandi-cli's multipart upload, i.e. the dandi-etag. */
  #blobObject(label: string, bytes: Uint8Array): Pick<WorldAsset, 'blobId' | 'blobKey' | 'zarr' | 'size' | 'digest'> {
    const blobId = stableUuid(this.seed, `blob/${label}`);
    const digest = digestBytes(bytes);
    const key = blobKey(blobId);
    this.objects.push({
      key,
      contentType: 'application/octet-stream',
      etag: digest['dandi:dandi-etag'],
      size: bytes.byteLength,
      source: { bytes },
    });
    return { blobId, blobKey: key, zarr: null, size: bytes.byteLength, digest };
  }

  /**
   * A Zarr store: one object per entry under `zarr/<zarr_id>/` (dandi-archive `ZarrArchive.s3_path`, prefix
   * `DJANGO_DANDI_ZARR_PREFIX_NAME` = "zarr"), each with its MD5 as ETag (single-part uploads), and the store's
   * dandi-zarr-checksum as the asset's only digest.
   */
  #zarrObjects(
    label: string,
    entries: readonly ZarrEntry[],
  ): Pick<WorldAsset, 'blobId' | 'blobKey' | 'zarr' | 'size' | 'digest'> {
    const zarrId = stableUuid(this.seed, `zarr/${label}`);
    const prefix = `zarr/${zarrId}/`;
    const files = entries.map((e) => ({ path: e.path, size: e.bytes.byteLength, md5: md5Hex(e.bytes) }));
    for (const [i, e] of entries.entries()) {
      this.objects.push({
        key: `${prefix}${e.path}`,
        contentType: 'application/octet-stream',
        etag: files[i]?.md5 ?? '',
        size: e.bytes.byteLength,
        source: { bytes: e.bytes },
      });
    }
    const checksum = zarrChecksum(files);
    const size = files.reduce((n, f) => n + f.size, 0);
    return {
      blobId: null,
      blobKey: null,
      zarr: {
        zarrId,
        prefix,
        fileCount: files.length,
        checksum,
        files: files.map(({ path, size, md5 }) => ({ path, size, etag: md5 })),
      },
      size,
      digest: { 'dandi:dandi-zarr-checksum': checksum },
    };
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
      // Server-set (dandiapi/api/models/version.py `_populate_metadata`): "<instance_name>:<id>[/<version>]".
      id: `${SAMPLE_INSTANCE_NAME}:${spec.identifier}/${version}`,
      identifier: `${SAMPLE_INSTANCE_NAME}:${spec.identifier}`,
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
      metadata.releaseNotes = spec.published?.releaseNotes ?? '';
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
      for (const [name, value] of [
        ['dandiset.yaml', version.metadata],
        ['assets.yaml', assetsYaml],
      ] as const) {
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
