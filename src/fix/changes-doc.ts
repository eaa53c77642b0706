// The list of every change `mamori fix` can make, with its risk and evidence, rendered from check metadata into docs/fix.md.
import type { ChangeSpec, Check } from '../checks/types.js';

export const BEGIN = '<!-- BEGIN GENERATED: changes from check metadata (npm run docs) -->';
export const END = '<!-- END GENERATED: changes -->';

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

/** `doc` with its generated section replaced by `section` (the markers must be there, once each). */
export function withSection(doc: string, section: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/fix.md: the markers ${BEGIN} … ${END} are missing`);
  return doc.slice(0, a) + section + doc.slice(b + END.length);
}
