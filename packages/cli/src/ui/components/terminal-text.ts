// Archive strings (file and folder names, dandiset titles, HDF5 attributes, keypoint names, error messages quoting
// them) are written by strangers. Printed raw, an escape sequence in a name could move the cursor, recolour or
// clear the screen, retitle the window (OSC) or hide text (bidi overrides, "Trojan Source", CVE-2021-42574). Every
// view prints archive text through `terminalSafe`, directly or through `truncate`, so this is the one place
// that decides what reaches the terminal.

// ECMA-48: CSI (ESC [ params intermediates final), OSC/DCS/SOS/PM/APC strings up to BEL or ST, and two-byte
// escapes (ESC followed by one character in 0x40-0x5F, or any other single character).
const ESCAPE_SEQUENCE = /\u001B(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[\s\S]?)/g;
// C1 CSI (U+009B) and string introducers are escape sequences too, in terminals that honour 8-bit controls.
const C1_SEQUENCE = /\u009B[0-?]*[ -/]*[@-~]?|[\u0090\u0098\u009D\u009E\u009F][^\u0007\u009C]*[\u0007\u009C]?/g;
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Remaining C0 and C1 controls, DEL, and the bidirectional embeddings, overrides and isolates.
const CONTROLS = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** `text` with escape sequences and control characters removed and line breaks turned into spaces. */
export function terminalSafe(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '').replace(C1_SEQUENCE, '').replace(LINE_BREAKS, ' ').replace(CONTROLS, '');
}
