// Render a terminal capture (plain text) as an SVG "screenshot", so README images need no screen or browser.
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const lines = readFileSync(input, 'utf8').replace(/\n+$/, '').split('\n');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const charWidth = 8.4;
const lineHeight = 17;
const width = Math.ceil(Math.max(...lines.map((l) => [...l].length)) * charWidth) + 24;
const height = lines.length * lineHeight + 24;
const text = lines
  .map((line, i) => `<text x="12" y="${12 + (i + 1) * lineHeight - 4}" xml:space="preserve">${escape(line)}</text>`)
  .join('\n');
writeFileSync(
  output,
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#1d1f21"/>
<g font-family="DejaVu Sans Mono, monospace" font-size="14" fill="#d8dee9">
${text}
</g>
</svg>
`,
);
