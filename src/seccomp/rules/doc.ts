// The rule tables of docs/seccomp-apparmor.md, made from the lint rules' metadata and parameter schemas (npm run docs).
import type { Rule } from '../../core/rule.js';

const begin = (family: string): string => `<!-- BEGIN GENERATED: ${family} rules (npm run docs) -->`;
const end = (family: string): string => `<!-- END GENERATED: ${family} rules -->`;

const cell = (s: string): string => s.replace(/[|*]/g, (c) => `\\${c}`).replace(/</g, '&lt;').replace(/\n/g, ' ');

/** Each parameter with what it means and its default. */
function parameters(rule: Rule<never>): string {
  const defaults = rule.params.parse({}) as Record<string, unknown>;
  return Object.entries(rule.params.shape).map(([key, schema]) => {
    const about = (schema as { description?: string }).description;
    return `\`${key}\`${about ? `: ${cell(about)}` : ''} (default \`${JSON.stringify(defaults[key])}\`)`;
  }).join('<br>');
}

/** A table of the rules, one anchored row each (SARIF's helpUri points at the anchor). */
export function renderLintRules(rules: readonly Rule<never>[]): string {
  const rows = rules.map((r) => `| <a id="${r.meta.id}"></a>\`${r.meta.id}\` | ${r.meta.severity} | ${cell(r.meta.description.en)} | ${cell(r.meta.remediation.en)} | ${parameters(r) || '—'} |`);
  return ['| Rule | Severity | What it finds | What to do | Parameters |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** The document with the family's marked section replaced by `table`. */
export function withLintRules(doc: string, family: string, table: string): string {
  const a = doc.indexOf(begin(family));
  const b = doc.indexOf(end(family));
  if (a < 0 || b < a) throw new Error(`docs/seccomp-apparmor.md: the markers ${begin(family)} … ${end(family)} are missing`);
  return `${doc.slice(0, a)}${begin(family)}\n${table}\n${doc.slice(b)}`;
}
