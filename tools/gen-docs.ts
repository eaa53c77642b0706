// Writes the generated docs: the policy catalogue (English, Japanese), the JSON Schema of mamori.yaml, and fix's list of changes with what a node showed.
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { catalogue } from '../src/catalogue/index.js';
import { renderCatalogue } from '../src/catalogue/markdown.js';
import { configSchema } from '../src/config/schema.js';
import { ALL_CHECKS } from '../src/checks/index.js';
import { OBSERVED_BEGIN, OBSERVED_END, renderChanges, renderObserved, withSection } from '../src/fix/changes-doc.js';
import { NOT_OBSERVED, OBSERVATIONS } from '../src/fix/observed.js';
import { renderLintRules, withLintRules } from '../src/seccomp/rules/doc.js';
import { SECCOMP_LINT_RULES } from '../src/seccomp/rules/index.js';
import { APPARMOR_LINT_RULES } from '../src/apparmor/rules/index.js';

export function configJsonSchema(): string {
  const schema = z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://mamori.dev/schema/mamori.schema.json', title: 'mamori.yaml' }, null, 2)}\n`;
}

function lintRuleTables(doc: string): string {
  return withLintRules(withLintRules(doc, 'seccomp-lint', renderLintRules(SECCOMP_LINT_RULES)), 'apparmor-lint', renderLintRules(APPARMOR_LINT_RULES));
}

export function generated(): { file: string; text: string }[] {
  const list = catalogue();
  return [
    { file: 'docs/policies.md', text: renderCatalogue(list, 'en') },
    { file: 'docs/policies.ja.md', text: renderCatalogue(list, 'ja') },
    { file: 'docs/mamori.schema.json', text: configJsonSchema() },
    // only the marked section of docs/fix.md is generated; the rest is written by hand
    {
      file: 'docs/fix.md',
      text: withSection(withSection(readFileSync('docs/fix.md', 'utf8'), renderChanges(ALL_CHECKS)), renderObserved(OBSERVATIONS, NOT_OBSERVED), OBSERVED_BEGIN, OBSERVED_END),
    },
    // the lint rule tables of docs/seccomp-apparmor.md are generated; the rest is written by hand
    { file: 'docs/seccomp-apparmor.md', text: lintRuleTables(readFileSync('docs/seccomp-apparmor.md', 'utf8')) },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const d of generated()) {
    writeFileSync(d.file, d.text);
    process.stdout.write(`wrote ${d.file}\n`);
  }
}
