// The one keyboard map of the terminal UI. Screens ask it which action a key press means; the footer and the
// help view print it, so what the user reads and what the keys do cannot drift apart.
import type { Key } from 'ink';

/** The screens of the terminal UI. */
export type ScreenKind = 'browser' | 'file' | 'nwb' | 'pose' | 'download' | 'details';

/** Everything a key can ask for. */
export type Action =
  | 'up'
  | 'down'
  | 'pageUp'
  | 'pageDown'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'expand'
  | 'collapse'
  | 'nwb'
  | 'pose'
  | 'prevIndividual'
  | 'nextIndividual'
  | 'nextContainer'
  | 'cursorLeft'
  | 'cursorRight'
  | 'panLeft'
  | 'panRight'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'toggleKeypoint'
  | 'trajectory'
  | 'metrics'
  | 'thresholdDown'
  | 'thresholdUp'
  | 'download'
  | 'cancel'
  | 'details'
  | 'filter'
  | 'retry'
  | 'help'
  | 'quit';

/** The part of Ink's key event the map looks at (tests build it by hand). */
export type KeyPress = Partial<
  Pick<
    Key,
    | 'upArrow'
    | 'downArrow'
    | 'leftArrow'
    | 'rightArrow'
    | 'pageUp'
    | 'pageDown'
    | 'home'
    | 'end'
    | 'return'
    | 'escape'
    | 'backspace'
    | 'delete'
    | 'ctrl'
    | 'tab'
    | 'shift'
  >
>;

/** One line of the key map. */
export interface KeyBinding {
  action: Action;
  /** How the keys are written in the footer and help, e.g. "⏎/→". */
  label: string;
  description: string;
  /** Screens where the binding applies. */
  screens: readonly ScreenKind[] | 'all';
  /** Shown in the footer (the rest only in the help view). */
  footer: boolean;
  /** The one or two words the footer prints after the keys. */
  hint: string;
  matches(input: string, key: KeyPress): boolean;
}

const ALL = 'all' as const;

/** The button of an SGR mouse report ("[<64;12;5M": 64), or undefined for any other input. */
export function mouseButton(input: string): number | undefined {
  const match = /^\u001B?\[<(\d+);\d+;\d+M$/.exec(input);
  return match ? Number(match[1]) : undefined;
}

/** The key map, in the order the help view lists it. */
export const KEY_MAP: readonly KeyBinding[] = [
  {
    action: 'up',
    label: '↑/k',
    description: 'move up (on the chart: the previous keypoint)',
    screens: ALL,
    hint: 'up',
    footer: true,
    matches: (i, k) => Boolean(k.upArrow) || i === 'k',
  },
  {
    action: 'down',
    label: '↓/j',
    description: 'move down (on the chart: the next keypoint)',
    screens: ALL,
    hint: 'down',
    footer: true,
    matches: (i, k) => Boolean(k.downArrow) || i === 'j',
  },
  {
    action: 'pageUp',
    label: 'PgUp',
    description: 'page up',
    screens: ALL,
    hint: 'page up',
    footer: false,
    matches: (_i, k) => Boolean(k.pageUp),
  },
  {
    action: 'pageDown',
    label: 'PgDn/space',
    description: 'page down (loads more entries)',
    screens: ALL,
    hint: 'page down',
    footer: false,
    matches: (i, k) => Boolean(k.pageDown) || i === ' ',
  },
  {
    action: 'top',
    label: 'Home/g',
    description: 'first row',
    screens: ALL,
    hint: 'top',
    footer: false,
    matches: (i, k) => Boolean(k.home) || i === 'g',
  },
  {
    action: 'bottom',
    label: 'End/G',
    description: 'last loaded row',
    screens: ALL,
    hint: 'bottom',
    footer: false,
    matches: (i, k) => Boolean(k.end) || i === 'G',
  },
  {
    action: 'open',
    label: '⏎/→',
    description: 'open folder or file',
    screens: ['browser'],
    hint: 'open',
    footer: true,
    matches: (i, k) => Boolean(k.return) || Boolean(k.rightArrow) || i === 'l',
  },
  {
    action: 'expand',
    label: '⏎/→',
    description: 'expand group',
    screens: ['file'],
    hint: 'expand',
    footer: true,
    matches: (i, k) => Boolean(k.return) || Boolean(k.rightArrow) || i === 'l',
  },
  {
    action: 'collapse',
    label: '←',
    description: 'collapse group / go to parent group',
    screens: ['file'],
    hint: 'collapse',
    footer: true,
    matches: (i, k) => Boolean(k.leftArrow) || i === 'h',
  },
  {
    action: 'back',
    label: '⌫/←',
    description: 'up one folder / back',
    screens: ['browser'],
    hint: 'up',
    footer: true,
    matches: (i, k) => Boolean(k.backspace) || Boolean(k.delete) || Boolean(k.leftArrow) || i === 'h',
  },
  {
    action: 'back',
    label: '⌫/esc',
    description: 'back to the previous screen',
    screens: ['file', 'nwb', 'pose', 'download', 'details'],
    hint: 'back',
    footer: true,
    matches: (_i, k) => Boolean(k.backspace) || Boolean(k.delete) || Boolean(k.escape),
  },
  {
    action: 'nwb',
    label: 'n',
    description: 'NWB summary of this file',
    screens: ['file'],
    hint: 'NWB summary',
    footer: true,
    matches: (i) => i === 'n',
  },
  {
    action: 'pose',
    label: 'p',
    description: 'pose chart: x and y over time of the first keypoint',
    screens: ['browser', 'file', 'nwb'],
    hint: 'pose',
    footer: true,
    matches: (i) => i === 'p',
  },
  {
    action: 'details',
    label: 'i',
    description: 'details of the file: metadata, digests, web links',
    screens: ['browser'],
    hint: 'info',
    footer: true,
    matches: (i) => i === 'i',
  },
  {
    action: 'filter',
    label: '/',
    description: 'filter this listing (dandisets: search the archive)',
    screens: ['browser'],
    hint: 'filter',
    footer: true,
    matches: (i) => i === '/',
  },
  {
    action: 'download',
    label: 'd',
    description: 'download the file or folder under the cursor',
    screens: ['browser', 'file'],
    hint: 'download',
    footer: true,
    matches: (i) => i === 'd',
  },
  {
    action: 'zoomIn',
    label: '+',
    description: 'zoom in on time, around the cursor (or the mouse wheel)',
    screens: ['pose'],
    hint: 'zoom',
    footer: true,
    matches: (i) => i === '+' || i === '=' || mouseButton(i) === 64,
  },
  {
    action: 'zoomOut',
    label: '-',
    description: 'zoom out',
    screens: ['pose'],
    hint: 'out',
    footer: true,
    matches: (i) => i === '-' || i === '_' || mouseButton(i) === 65,
  },
  {
    action: 'zoomReset',
    label: '0',
    description: 'the first window again (the whole recording, up to 36,000 frames)',
    screens: ['pose'],
    hint: 'all',
    footer: false,
    matches: (i) => i === '0',
  },
  {
    action: 'cursorLeft',
    label: '←/→',
    description: 'move the cursor that reads the values at a frame left',
    screens: ['pose'],
    hint: 'cursor',
    footer: true,
    matches: (i, k) => Boolean(k.leftArrow) || i === 'h',
  },
  {
    action: 'cursorRight',
    label: '→',
    description: 'move the cursor right',
    screens: ['pose'],
    hint: 'cursor',
    footer: false,
    matches: (i, k) => Boolean(k.rightArrow) || i === 'l',
  },
  {
    action: 'panLeft',
    label: '</>',
    description: 'pan the time window by half its width',
    screens: ['pose'],
    hint: 'pan',
    footer: true,
    matches: (i) => i === '<' || i === ',',
  },
  {
    action: 'panRight',
    label: '>',
    description: 'pan right',
    screens: ['pose'],
    hint: 'pan',
    footer: false,
    matches: (i) => i === '>' || i === '.',
  },
  {
    action: 'toggleKeypoint',
    label: '⏎',
    description: 'overlay the keypoint under the cursor (or remove it)',
    screens: ['pose'],
    hint: 'overlay',
    footer: true,
    matches: (_i, k) => Boolean(k.return),
  },
  {
    action: 'trajectory',
    label: 't',
    description: 'trajectory: y against x instead of both over time',
    screens: ['pose'],
    hint: 'x-y',
    footer: true,
    matches: (i) => i === 't',
  },
  {
    action: 'metrics',
    label: 'm',
    description: 'metrics table (missing, low confidence, distance, speed)',
    screens: ['pose'],
    hint: 'metrics',
    footer: true,
    matches: (i) => i === 'm',
  },
  {
    action: 'thresholdDown',
    label: '{/}',
    description: 'lower or raise the confidence threshold hiding points',
    screens: ['pose'],
    hint: 'threshold',
    footer: true,
    matches: (i) => i === '{',
  },
  {
    action: 'thresholdUp',
    label: '}',
    description: 'raise the confidence threshold',
    screens: ['pose'],
    hint: 'threshold',
    footer: false,
    matches: (i) => i === '}',
  },
  {
    action: 'prevIndividual',
    label: '[/]',
    description: 'previous or next individual (mouse)',
    screens: ['pose'],
    hint: 'mouse',
    footer: true,
    matches: (i) => i === '[',
  },
  {
    action: 'nextIndividual',
    label: ']',
    description: 'next individual (mouse)',
    screens: ['pose'],
    hint: 'mouse',
    footer: false,
    matches: (i) => i === ']',
  },
  {
    action: 'nextContainer',
    label: 'c',
    description: 'next camera (PoseEstimation container)',
    screens: ['pose'],
    hint: 'camera',
    footer: true,
    matches: (i, k) => i === 'c' && !k.ctrl,
  },
  {
    action: 'cancel',
    label: 'x',
    description: 'cancel the download (partial files are kept)',
    screens: ['download'],
    hint: 'cancel',
    footer: true,
    matches: (i) => i === 'x',
  },
  {
    action: 'retry',
    label: 'r',
    description: 'retry after an error; resume a download',
    screens: ALL,
    hint: 'retry',
    footer: false,
    matches: (i) => i === 'r',
  },
  {
    action: 'help',
    label: '?',
    description: 'show or hide this help',
    screens: ALL,
    hint: 'help',
    footer: true,
    matches: (i) => i === '?',
  },
  {
    action: 'quit',
    label: 'q',
    description: 'quit',
    screens: ALL,
    hint: 'quit',
    footer: true,
    matches: (i, k) => i === 'q' || (Boolean(k.ctrl) && i === 'c'),
  },
];

function appliesTo(binding: KeyBinding, screen: ScreenKind): boolean {
  return binding.screens === 'all' || binding.screens.includes(screen);
}

/** The action a key press means on `screen`, if any. */
export function actionFor(screen: ScreenKind, input: string, key: KeyPress): Action | undefined {
  return KEY_MAP.find((b) => appliesTo(b, screen) && b.matches(input, key))?.action;
}

/** The bindings that apply on `screen`; `footerOnly` keeps those the footer shows. */
export function bindingsFor(screen: ScreenKind, footerOnly = false): KeyBinding[] {
  return KEY_MAP.filter((b) => appliesTo(b, screen) && (!footerOnly || b.footer));
}
