// The one keyboard map of the terminal UI. Screens ask it which action a key press means; the footer and the
// help view print it, so what the user reads and what the keys do cannot drift apart.
import type { Key } from 'ink';

/** The screens of the terminal UI. */
export type ScreenKind = 'browser' | 'file' | 'nwb' | 'pose';

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
  | 'retry'
  | 'help'
  | 'quit';

/** The part of Ink's key event the map looks at (tests build it by hand). */
export type KeyPress = Partial<Pick<Key, 'upArrow' | 'downArrow' | 'leftArrow' | 'rightArrow' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'backspace' | 'delete' | 'ctrl' | 'tab' | 'shift'>>;

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

/** The key map, in the order the help view lists it. */
export const KEY_MAP: readonly KeyBinding[] = [
  { action: 'up', label: '↑/k', description: 'move up', screens: ALL, hint: 'up', footer: true, matches: (i, k) => Boolean(k.upArrow) || i === 'k' },
  { action: 'down', label: '↓/j', description: 'move down', screens: ALL, hint: 'down', footer: true, matches: (i, k) => Boolean(k.downArrow) || i === 'j' },
  { action: 'pageUp', label: 'PgUp', description: 'page up', screens: ALL, hint: 'page up', footer: false, matches: (_i, k) => Boolean(k.pageUp) },
  { action: 'pageDown', label: 'PgDn/space', description: 'page down (loads more entries)', screens: ALL, hint: 'page down', footer: false, matches: (i, k) => Boolean(k.pageDown) || i === ' ' },
  { action: 'top', label: 'Home/g', description: 'first row', screens: ALL, hint: 'top', footer: false, matches: (i, k) => Boolean(k.home) || i === 'g' },
  { action: 'bottom', label: 'End/G', description: 'last loaded row', screens: ALL, hint: 'bottom', footer: false, matches: (i, k) => Boolean(k.end) || i === 'G' },
  { action: 'open', label: '⏎/→', description: 'open folder or file', screens: ['browser'], hint: 'open', footer: true, matches: (i, k) => Boolean(k.return) || Boolean(k.rightArrow) || i === 'l' },
  { action: 'expand', label: '⏎/→', description: 'expand group', screens: ['file'], hint: 'expand', footer: true, matches: (i, k) => Boolean(k.return) || Boolean(k.rightArrow) || i === 'l' },
  { action: 'collapse', label: '←', description: 'collapse group / go to parent group', screens: ['file'], hint: 'collapse', footer: true, matches: (i, k) => Boolean(k.leftArrow) || i === 'h' },
  { action: 'back', label: '⌫/←', description: 'up one folder / back', screens: ['browser'], hint: 'up', footer: true, matches: (i, k) => Boolean(k.backspace) || Boolean(k.delete) || Boolean(k.leftArrow) || i === 'h' },
  { action: 'back', label: '⌫/esc', description: 'back to the previous screen', screens: ['file', 'nwb', 'pose'], hint: 'back', footer: true, matches: (_i, k) => Boolean(k.backspace) || Boolean(k.delete) || Boolean(k.escape) },
  { action: 'nwb', label: 'n', description: 'NWB summary of this file', screens: ['file'], hint: 'NWB summary', footer: true, matches: (i) => i === 'n' },
  { action: 'pose', label: 'p', description: 'pose: keypoints, metrics, x over time', screens: ['file', 'nwb'], hint: 'pose', footer: true, matches: (i) => i === 'p' },
  { action: 'prevIndividual', label: '[', description: 'previous individual (mouse)', screens: ['pose'], hint: 'prev mouse', footer: true, matches: (i) => i === '[' },
  { action: 'nextIndividual', label: ']', description: 'next individual (mouse)', screens: ['pose'], hint: 'next mouse', footer: true, matches: (i) => i === ']' },
  { action: 'nextContainer', label: 'c', description: 'next camera (PoseEstimation container) when the file has several', screens: ['pose'], hint: 'camera', footer: true, matches: (i) => i === 'c' },
  { action: 'retry', label: 'r', description: 'retry after an error', screens: ALL, hint: 'retry', footer: false, matches: (i) => i === 'r' },
  { action: 'help', label: '?', description: 'show or hide this help', screens: ALL, hint: 'help', footer: true, matches: (i) => i === '?' },
  { action: 'quit', label: 'q', description: 'quit', screens: ALL, hint: 'quit', footer: true, matches: (i, k) => i === 'q' || (Boolean(k.ctrl) && i === 'c') },
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
