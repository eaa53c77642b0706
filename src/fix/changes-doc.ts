// The list of every change `mamori fix` can make, with its risk and evidence, and what a node showed for those that can stop a workload, rendered into docs/fix.md.
import type { ChangeSpec, Check } from '../checks/types.js';
import type { Observation } from './observed.js';

export const BEGIN = '<!-- BEGIN GENERATED: changes from check metadata (npm run docs) -->';
export const END = '<!-- END GENERATED: changes -->';
export const OBSERVED_BEGIN = '<!-- BEGIN GENERATED: observed on a node (npm run docs) -->';
export const OBSERVED_END = '<!-- END GENERATED: observed -->';

const RISK: Record<ChangeSpec['risk'], string> = {
  safe: 'safe: always applied',
  evidence: 'applied when the evidence is in the manifest, else a suggestion',
  'may-break': 'suggestion only',
};

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** One row per distinct change (shared changes list every check that makes them), safe first. */
export function renderChanges(checks: readonly Check[]): string {
  const rows = new Map<string, { spec: ChangeSpec; checks: string[] }>();
  for (const c of checks) {
    for (const spec of c.meta.changes ?? []) {
      const key = `${spec.id}\u0000${spec.change.en}`;
      const row = rows.get(key) ?? { spec, checks: [] };
      row.checks.push(c.meta.id);
      rows.set(key, row);
    }
  }
  const order: ChangeSpec['risk'][] = ['safe', 'evidence', 'may-break'];
  const sorted = [...rows.values()].sort((a, b) => order.indexOf(a.spec.risk) - order.indexOf(b.spec.risk) || a.spec.id.localeCompare(b.spec.id));
  const lines = [
    BEGIN,
    '',
    '| Change | Checks | Risk | Applied by default when | Why it cannot, or how it can, stop a workload | What a suggestion needs |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const { spec, checks: ids } of sorted) {
    const when = spec.risk === 'safe' ? 'always' : spec.risk === 'evidence' ? spec.evidence?.en ?? '' : 'never (`--risk all`, `--apply-suggestion`, `--set`)';
    lines.push(`| ${cell(spec.change.en)} (\`${spec.id}\`) | ${ids.map((i) => `\`${i}\``).join(', ')} | ${RISK[spec.risk]} | ${cell(when)} | ${cell(spec.why.en)} | ${cell(spec.needs?.en ?? '')} |`);
  }
  lines.push('', END);
  return lines.join('\n');
}

/** The ids of the changes that can stop a workload (`evidence` and `may-break`), sorted. */
export function riskyChanges(checks: readonly Check[]): string[] {
  return [...new Set(checks.flatMap((c) => (c.meta.changes ?? []).filter((s) => s.risk !== 'safe').map((s) => s.id)))].sort();
}

const code = (s: string): string => `\`${s.replace(/`/g, "'")}\``;

/** One row per observation (a change may have a case that keeps running and one that stops), then the changes no node here can show. */
export function renderObserved(observations: readonly Observation[], notObserved: Readonly<Record<string, string>>): string {
  const lines = [
    OBSERVED_BEGIN,
    '',
    '| Change | Asked by | The Pod\'s program | Before the change | After the change |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const o of [...observations].sort((a, b) => a.change.localeCompare(b.change) || a.name.localeCompare(b.name))) {
    const asked = o.ask === 'default' ? `default risk (\`--policy ${o.check}\`)` : `\`--apply-suggestion ${o.check}\`${(o.set ?? []).map((v) => ` \`--set ${v}\``).join('')}`;
    const params = o.parameters ? ` with parameters ${code(JSON.stringify(o.parameters))}` : '';
    lines.push(`| \`${o.change}\` | ${asked}${cell(params)} | ${cell(o.program)}: ${cell(code(o.command))} | ${cell(o.before)} | ${cell(o.after)} |`);
  }
  lines.push('');
  for (const [change, why] of Object.entries(notObserved).sort(([a], [b]) => a.localeCompare(b))) lines.push(`Not observed: \`${change}\` (${why}).`);
  lines.push('', OBSERVED_END);
  return lines.join('\n');
}

/** `doc` with a generated section replaced by `section` (the markers must be there, once each). */
export function withSection(doc: string, section: string, begin = BEGIN, end = END): string {
  const a = doc.indexOf(begin);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/fix.md: the markers ${begin} … ${end} are missing`);
  return doc.slice(0, a) + section + doc.slice(b + end.length);
}
