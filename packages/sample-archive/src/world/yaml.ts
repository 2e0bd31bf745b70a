// A small block-style YAML writer for the `dandisets/<id>/<version>/*.yaml` objects the archive publishes.
// Only JSON values are written, so every output is also readable by any YAML 1.2 parser.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** YAML text of a JSON-able value, in block style like the archive's own dandiset.yaml. */
export function toYaml(value: unknown): string {
  return `${emit(value as Json, 0).replace(/^\n/, '')}\n`;
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  // Quote whenever a plain scalar could be misread (numbers, booleans, dates, indicators, leading/trailing space).
  const plain =
    /^[A-Za-z_/][\w ./@+()-]*$/.test(value) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(value) &&
    !/\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

function emit(value: Json, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []';
    return value
      .map((item) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).length > 0) {
          // First key on the dash line, the rest aligned under it.
          const body = emit(item, indent + 2).replace(/^\n {0,}/, '');
          return `\n${pad}- ${body}`;
        }
        return `\n${pad}-${emit(item, indent + 2)}`;
      })
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0) return ' {}';
    return keys.map((key) => `\n${pad}${scalar(key)}:${emit(value[key] as Json, indent + 2)}`).join('');
  }
  return ` ${scalar(value)}`;
}
