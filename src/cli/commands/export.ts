// `mamori export vap`: the catalogue, under mamori.yaml, as ValidatingAdmissionPolicies the API server enforces itself.
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import { exportVap } from '../../export/vap.js';
import { addEngineOptions } from '../options.js';
import type { Lang } from '../../core/report.js';

interface ExportFlags { config?: string; profile?: string; policy?: string[]; namespace: string; azureParameters?: string; lang: Lang; output?: string; table?: boolean }

/** The multi-document YAML `export vap` prints: deterministic for a given configuration and day. */
export function vapYaml(documents: readonly Record<string, unknown>[]): string {
  return documents.map((d) => `---\n${stringify(d, { lineWidth: 0, aliasDuplicateObjects: false })}`).join('');
}

export function register(program: Command): void {
  const exp = new Command('export').description('export the catalogue for other enforcement points');
  const vap = new Command('vap')
    .description('print a ValidatingAdmissionPolicy and binding for every check of the profile CEL can express');
  addEngineOptions(vap);
  vap
    .option('-o, --output <file>', 'write the YAML to a file instead of standard output')
    .option('--table', 'print which checks are exported exactly, with a difference, or not at all, instead of YAML')
    .action((flags: ExportFlags) => {
      const loaded = loadConfigFile(flags.config);
      const cfg = resolveEngineConfig(loaded, { profile: flags.profile, only: flags.policy, lang: flags.lang, defaultNamespace: flags.namespace, azureParameters: flags.azureParameters });
      const out = exportVap(cfg);
      for (const n of out.notices) process.stderr.write(`mamori export vap: ${n}\n`);
      const text = flags.table
        ? out.rows.map((r) => `${r.policyId}\t${r.status}${r.note ? `\t${r.note}` : ''}\n`).join('')
        : vapYaml(out.documents);
      if (flags.output) writeFileSync(flags.output, text);
      else process.stdout.write(text);
    });
  vap.addHelpText('after', `
Examples:
  mamori export vap > mamori-vap.yaml && kubectl apply -f mamori-vap.yaml
  mamori export vap -p nsa -c mamori.yaml -o nsa-vap.yaml
  mamori export vap --policy privileged-container --policy run-as-root
  mamori export vap --table                  which checks are exported, and how faithfully

Effects: Deny -> validationActions [Deny], Audit -> [Warn, Audit], Disabled -> not exported.
Checks CEL cannot express are named on stderr with the reason. See docs/vap.md.`);
  exp.addCommand(vap);
  program.addCommand(exp);
}
