// The cached namespaces pynwb writes under /specifications/<namespace>/<version>/<source>: each a scalar JSON
// string. Real files carry the full schemas (hundreds of KiB); the sample files carry small but valid excerpts of
// the same shape (namespace documents listing their sources, schema documents with groups/datasets), each saying
// it is an abbreviated synthetic copy. Shapes follow NeurodataWithoutBorders/nwb-schema core/nwb.namespace.yaml,
// hdmf-dev/hdmf-common-schema common/namespace.yaml and rly/ndx-pose spec/ndx-pose.namespace.yaml.

/** NWB core schema version the sample files claim. */
export const NWB_VERSION = '2.8.0';
/** hdmf-common schema version cached beside it (pynwb 2.8 era). */
export const HDMF_COMMON_VERSION = '1.8.0';
/** ndx-pose version neuroconv's DeepLabCut interface uses. */
export const NDX_POSE_VERSION = '0.2.2';

const NOTE =
  'Abbreviated copy cached by the EMBER sample archive generator (synthetic data); see the upstream schema for the full text.';

interface CachedNamespace {
  name: string;
  version: string;
  /** source name -> JSON text */
  sources: Record<string, string>;
}

function namespaceDocument(name: string, version: string, doc: string, schema: object[], extra: object = {}): string {
  return JSON.stringify({ namespaces: [{ doc, schema, name, version, full_name: name, ...extra }] });
}

/** The namespaces cached in every generated NWB file, in the order pynwb writes them. */
export function cachedNamespaces(): CachedNamespace[] {
  const coreSources = ['nwb.base', 'nwb.behavior', 'nwb.device', 'nwb.epoch', 'nwb.file'];
  return [
    {
      name: 'core',
      version: NWB_VERSION,
      sources: {
        namespace: namespaceDocument(
          'core',
          NWB_VERSION,
          `NWB namespace. ${NOTE}`,
          [
            {
              namespace: 'hdmf-common',
              neurodata_types: ['Data', 'Container', 'DynamicTable', 'VectorData', 'VectorIndex', 'ElementIdentifiers'],
            },
            ...coreSources.map((source) => ({ source })),
          ],
          { author: ['NWB team (schema); synthetic copy'], contact: ['https://nwb.org'] },
        ),
        'nwb.base': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'NWBDataInterface',
              neurodata_type_inc: 'NWBContainer',
              doc: `An abstract data type for a generic container storing collections of data. ${NOTE}`,
            },
            {
              neurodata_type_def: 'TimeSeries',
              neurodata_type_inc: 'NWBDataInterface',
              doc: `General purpose time series. ${NOTE}`,
              datasets: [
                { name: 'data', doc: 'Data values. The first dimension must be time.' },
                {
                  name: 'starting_time',
                  dtype: 'float64',
                  quantity: '?',
                  doc: 'Timestamp of the first sample in seconds.',
                  attributes: [{ name: 'rate', dtype: 'float32', doc: 'Sampling rate, in Hz.' }],
                },
                {
                  name: 'timestamps',
                  dtype: 'float64',
                  quantity: '?',
                  shape: [null],
                  doc: 'Timestamps for samples stored in data, in seconds.',
                },
              ],
            },
            {
              neurodata_type_def: 'ProcessingModule',
              neurodata_type_inc: 'NWBContainer',
              doc: `A collection of processed data. ${NOTE}`,
            },
          ],
        }),
        'nwb.behavior': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'SpatialSeries',
              neurodata_type_inc: 'TimeSeries',
              doc: `Direction, e.g., of gaze or travel, or position. ${NOTE}`,
              datasets: [
                {
                  name: 'reference_frame',
                  dtype: 'text',
                  quantity: '?',
                  doc: "Description defining what exactly 'straight-ahead' means.",
                },
              ],
            },
          ],
        }),
        'nwb.device': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'Device',
              neurodata_type_inc: 'NWBContainer',
              doc: `Metadata about a data acquisition device. ${NOTE}`,
            },
          ],
        }),
        'nwb.epoch': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'TimeIntervals',
              neurodata_type_inc: 'DynamicTable',
              doc: `A container for aggregating epoch data and the TimeSeries that each epoch applies to. ${NOTE}`,
            },
          ],
        }),
        'nwb.file': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'NWBFile',
              neurodata_type_inc: 'NWBContainer',
              name: 'root',
              doc: `An NWB file storing cellular-based neurophysiology data from a single experimental session. ${NOTE}`,
            },
            {
              neurodata_type_def: 'Subject',
              neurodata_type_inc: 'NWBContainer',
              doc: `Information about the animal or person from which the data was measured. ${NOTE}`,
            },
          ],
        }),
      },
    },
    {
      name: 'hdmf-common',
      version: HDMF_COMMON_VERSION,
      sources: {
        base: JSON.stringify({
          datasets: [{ data_type_def: 'Data', doc: `An abstract data type for a dataset. ${NOTE}` }],
          groups: [
            {
              data_type_def: 'Container',
              doc: `An abstract data type for a group storing collections of data and metadata. ${NOTE}`,
            },
          ],
        }),
        table: JSON.stringify({
          datasets: [
            {
              data_type_def: 'VectorData',
              data_type_inc: 'Data',
              doc: `An n-dimensional dataset representing a column of a DynamicTable. ${NOTE}`,
            },
            {
              data_type_def: 'VectorIndex',
              data_type_inc: 'VectorData',
              dtype: 'uint8',
              doc: 'Used with VectorData to encode a ragged array.',
              attributes: [
                {
                  name: 'target',
                  dtype: { target_type: 'VectorData', reftype: 'object' },
                  doc: 'Reference to the target dataset that this index applies to.',
                },
              ],
            },
            {
              data_type_def: 'ElementIdentifiers',
              data_type_inc: 'Data',
              dtype: 'int',
              doc: 'A list of unique identifiers for values within a dataset, e.g. rows of a DynamicTable.',
            },
          ],
          groups: [
            {
              data_type_def: 'DynamicTable',
              data_type_inc: 'Container',
              doc: `A group containing multiple datasets that are aligned on the first dimension. ${NOTE}`,
            },
          ],
        }),
        namespace: namespaceDocument(
          'hdmf-common',
          HDMF_COMMON_VERSION,
          `Common data structures provided by HDMF. ${NOTE}`,
          [{ source: 'base' }, { source: 'table' }],
          {
            author: ['HDMF team (schema); synthetic copy'],
            contact: ['https://hdmf.readthedocs.io'],
          },
        ),
      },
    },
    {
      name: 'ndx-pose',
      version: NDX_POSE_VERSION,
      sources: {
        'ndx-pose.extensions': JSON.stringify({
          groups: [
            {
              neurodata_type_def: 'PoseEstimationSeries',
              neurodata_type_inc: 'SpatialSeries',
              doc: `Estimated position (x, y) or (x, y, z) of a body part over time. ${NOTE}`,
              datasets: [
                {
                  name: 'data',
                  dtype: 'float32',
                  dims: [
                    ['num_frames', 'x, y'],
                    ['num_frames', 'x, y, z'],
                  ],
                  shape: [
                    [null, 2],
                    [null, 3],
                  ],
                  doc: 'Estimated position (x, y) or (x, y, z).',
                },
                {
                  name: 'confidence',
                  dtype: 'float32',
                  dims: ['num_frames'],
                  shape: [null],
                  doc: 'Confidence or likelihood of the estimated positions, scaled to be between 0 and 1.',
                  attributes: [
                    {
                      name: 'definition',
                      dtype: 'text',
                      required: false,
                      doc: 'Description of how the confidence was computed.',
                    },
                  ],
                },
              ],
            },
            {
              neurodata_type_def: 'Skeleton',
              neurodata_type_inc: 'NWBDataInterface',
              doc: `Skeleton that is used in pose estimation. ${NOTE}`,
              datasets: [
                {
                  name: 'nodes',
                  dtype: 'text',
                  dims: ['num_body_parts'],
                  shape: [null],
                  doc: 'Array of body part names.',
                },
                {
                  name: 'edges',
                  dtype: 'uint8',
                  dims: ['num_edges', 'nodes_index, nodes_index'],
                  shape: [null, 2],
                  quantity: '?',
                  doc: 'Array of pairs of indices corresponding to edges between nodes.',
                },
              ],
            },
            {
              neurodata_type_def: 'Skeletons',
              neurodata_type_inc: 'NWBDataInterface',
              default_name: 'Skeletons',
              doc: `Organizational group to hold skeletons. ${NOTE}`,
            },
            {
              neurodata_type_def: 'PoseEstimation',
              neurodata_type_inc: 'NWBDataInterface',
              doc: `Group that holds estimated position data for multiple body parts, computed from the same video with the same tool/algorithm. ${NOTE}`,
            },
          ],
        }),
        namespace: namespaceDocument(
          'ndx-pose',
          NDX_POSE_VERSION,
          `NWB extension to store pose estimation data. ${NOTE}`,
          [{ namespace: 'core' }, { source: 'ndx-pose.extensions' }],
          {
            author: ['Ryan Ly', 'Ben Dichter', 'Alexander Mathis'],
            contact: ['rly@lbl.gov'],
          },
        ),
      },
    },
  ];
}
