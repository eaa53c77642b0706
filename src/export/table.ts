// The docs table of docs/vap.md: for each check of the defender and nsa profiles, how `export vap` renders it.
import { resolveEngineConfig } from '../config/load.js';
import { TRANSLATORS } from './vap.js';

export interface TableRow { policyId: string; profiles: string[]; status: 'exact' | 'with a difference' | 'not exported'; note: string }

const PROFILES = ['defender', 'nsa'];

/** One row per check, in profile order; checks that need configuration are judged with it (they export once configured). */
export function exportTable(): TableRow[] {
  const rows = new Map<string, TableRow>();
  for (const profile of PROFILES) {
    const cfg = resolveEngineConfig({ config: {}, file: null }, { profile, lang: 'en' });
    for (const run of cfg.policies) {
      const id = run.check.meta.id;
      const seen = rows.get(id);
      if (seen) { seen.profiles.push(profile); continue; }
      const tr = TRANSLATORS[id]?.(run.params) ?? { notExported: 'no CEL translation yet' };
      const needs = run.check.needsConfiguration?.(run.params as never) ? 'exported once its parameters are configured (until then scan and serve report it as needing configuration). ' : '';
      if ('notExported' in tr && tr.notExported !== 'needs configuration') rows.set(id, { policyId: id, profiles: [profile], status: 'not exported', note: tr.notExported });
      else if ('notExported' in tr || tr.fidelity === 'exact') rows.set(id, { policyId: id, profiles: [profile], status: 'exact', note: needs.trim() });
      else rows.set(id, { policyId: id, profiles: [profile], status: 'with a difference', note: `${needs}${tr.difference ?? ''}` });
    }
  }
  return [...rows.values()];
}

export function exportTableMarkdown(): string {
  const lines = ['| check | profiles | exported | difference or reason |', '|---|---|---|---|'];
  for (const r of exportTable()) lines.push(`| \`${r.policyId}\` | ${r.profiles.join(', ')} | ${r.status} | ${r.note.replace(/\|/g, '\\|')} |`);
  return `${lines.join('\n')}\n`;
}
