// The Pose view's keyboard map in one table (gemini-cli's keyBindings.ts shape: commands as names, keys bound in one
// place), shown under the charts so nobody has to guess it.

/** What a key does in the Pose view. */
export type PoseCommand = 'previousFrame' | 'nextFrame' | 'panEarlier' | 'panLater' | 'zoomIn' | 'zoomOut';

/** Keys (KeyboardEvent.key) and their commands. */
export const POSE_KEYS: Record<string, PoseCommand> = {
  ',': 'previousFrame',
  '.': 'nextFrame',
  '[': 'panEarlier',
  ']': 'panLater',
  '+': 'zoomIn',
  '=': 'zoomIn',
  '-': 'zoomOut',
};

/** The footer line describing the keys. */
export const POSE_KEYS_HELP =
  'Keys: , and . step a frame · [ and ] pan · + and − zoom · drag a chart to zoom · click a time to jump';

/** The command of a key press, unless it was typed into a form field (the threshold slider, a select). */
export function poseCommandOf(key: string, target: EventTarget | null): PoseCommand | undefined {
  const element = target as HTMLElement | null;
  if (element && ['INPUT', 'SELECT', 'TEXTAREA'].includes(element.tagName)) return undefined;
  return POSE_KEYS[key];
}
