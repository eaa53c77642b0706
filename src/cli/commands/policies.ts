// `mamori policies`: the catalogue of every family — ids, titles in English and Japanese, severity, parameters with defaults, crosswalk.
import { Command, Option } from 'commander';
import { catalogue } from '../../catalogue/index.js';
import { renderCatalogue } from '../../catalogue/markdown.js';
import { resolveProfile, allProfiles } from '../../profiles/index.js';
import { langOption } from '../options.js';
import { UsageError } from '../../core/errors.js';
import type { Lang } from '../../core/report.js';
import { FAMILIES, type Family } from '../../core/rule.js';

export function register(program: Command): void {
  program.addCommand(new Command('policies')
    .description('list the rule catalogue of every family (id, titles, severity, parameters and defaults, crosswalk)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('-p, --profile <name>', 'only the manifest checks of this profile')
    .addOption(new Option('--family <family>', 'only the rules of this family').choices([...FAMILIES]))
    .addOption(langOption('language of titles'))
    .action((flags: { format: string; profile?: string; family?: Family; lang: Lang }) => {
      let list = catalogue();
      if (flags.family) list = list.filter((c) => c.family === flags.family);
      if (flags.profile) {
        const p = resolveProfile(flags.profile);
        if (!p) throw new UsageError(`unknown profile ${JSON.stringify(flags.profile)}; known: ${allProfiles().map((x) => x.name).join(', ')}`);
        list = list.filter((c) => c.id in p.policies);
      }
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify({ profiles: allProfiles().map((p) => ({ name: p.name, description: p.description, version: p.version ?? null, policies: Object.keys(p.policies) })), policies: list }, null, 2)}\n`);
        return;
      }
      if (flags.format === 'markdown') { process.stdout.write(renderCatalogue(list, flags.lang)); return; }
      const sev = flags.lang === 'ja' ? { high: '高', medium: '中', low: '低' } : { high: 'high', medium: 'medium', low: 'low' };
      const idW = Math.max(...list.map((c) => c.id.length), 2);
      let family: Family | undefined;
      for (const c of list) {
        if (c.family !== family) {
          process.stdout.write(`${family ? '\n' : ''}[${c.family}]\n`);
          family = c.family;
        }
        process.stdout.write(`${c.id.padEnd(idW)}  ${sev[c.severity].padEnd(6)}  ${c.title.en}\n${' '.repeat(idW + 10)}${c.title.ja}\n`);
        for (const p of c.parameters) {
          if (p.name === 'excludedContainers' || p.name === 'excludedImages') continue;
          process.stdout.write(`${' '.repeat(idW + 10)}· ${p.name} (${p.type}) = ${JSON.stringify(p.default)}\n`);
        }
      }
      process.stdout.write('\nprofiles:\n');
      for (const p of allProfiles()) process.stdout.write(`  ${p.name.padEnd(16)} ${p.description[flags.lang]}\n`);
    }));
}
