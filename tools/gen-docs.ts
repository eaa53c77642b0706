// Writes the generated docs: the policy catalogue (English, Japanese) and the JSON Schema of mamori.yaml.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { catalogue } from '../src/catalogue/index.js';
import { renderCatalogue } from '../src/catalogue/markdown.js';
import { configSchema } from '../src/config/schema.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://mamori.dev/schema/mamori.schema.json', title: 'mamori.yaml' }, null, 2)}\n`;
}

export function generated(): { file: string; text: string }[] {
  const list = catalogue();
  return [
    { file: 'docs/policies.md', text: renderCatalogue(list, 'en') },
    { file: 'docs/policies.ja.md', text: renderCatalogue(list, 'ja') },
    { file: 'docs/mamori.schema.json', text: configJsonSchema() },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const d of generated()) {
    writeFileSync(d.file, d.text);
    process.stdout.write(`wrote ${d.file}\n`);
  }
}
