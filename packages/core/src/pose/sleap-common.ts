// What SLEAP's two pose forms (analysis exports and labels/predictions files) share in the pose model.

/**
 * SLEAP drops a point at inference when its confidence-map peak is under the predictor's `peak_threshold`, so every
 * point a file holds already passed SLEAP's own cut: any positive score counts (user-labelled points have no score,
 * NaN, and count too).
 */
export const SLEAP_CONFIDENCE_THRESHOLD = 0;

/**
 * Image coordinates as SLEAP stores them since labels format 1.1: integer coordinates are pixel centres, so the
 * top-left corner of the frame is (-0.5, -0.5) (talmolab/sleap sleap/io/format/hdf5.py, LabelsV1Adaptor's
 * FORMAT_ID notes).
 */
export const SLEAP_REFERENCE_FRAME =
  '(0,0) is the centre of the top-left pixel of the video frame; x increases rightward, y increases downward (pixels).';

/** Name of track `i` when the file names none, as SLEAP's analysis reader does (sleap/io/format/sleap_analysis.py). */
export function defaultTrackName(i: number): string {
  return `track_${i}`;
}

/** Name of node `i` when the file names none, as SLEAP's analysis reader does (sleap/io/format/sleap_analysis.py). */
export function defaultNodeName(i: number): string {
  return `node ${i}`;
}

/**
 * Individuals for `count` tracks named `names`: an empty or missing name becomes `track_<i>`, and a name SLEAP gave two
 * tracks (its tracks are objects, so names may repeat) is told apart as `<name> (track <i>)` rather than merged.
 */
export function individualNames(names: readonly string[], count: number): string[] {
  const base = Array.from({ length: count }, (_, i) => names[i] || defaultTrackName(i));
  return base.map((name, i) => (base.indexOf(name) === i ? name : `${name} (track ${i})`));
}
