// Writes docs/policies.md and docs/policies.ja.md from the checks' metadata.
import { writeFileSync } from 'node:fs';
import { catalogue } from '../src/catalogue/index.js';
import { renderCatalogue } from '../src/catalogue/markdown.js';

export const DOCS = [
  { file: 'docs/policies.md', lang: 'en' as const },
  { file: 'docs/policies.ja.md', lang: 'ja' as const },
];

export function generated(): { file: string; text: string }[] {
  const list = catalogue();
  return DOCS.map((d) => ({ file: d.file, text: renderCatalogue(list, d.lang) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const d of generated()) {
    writeFileSync(d.file, d.text);
    process.stdout.write(`wrote ${d.file}\n`);
  }
}
