// `mamori apparmor`: lint profiles (apparmor_parser plus mamori's rules) and generate container profiles with their Kubernetes wiring.
import { readFileSync, createReadStream } from 'node:fs';
import { Command } from 'commander';
import { setExitCode } from '../main.js';
import { UsageError } from '../../core/errors.js';
import { addOutputOptions, asFormat, collect, parseFailOn, useColor, failOnOption, langOption } from '../options.js';
import { renderReport } from '../../formatters/index.js';
import { exitCodeFor } from '../../scan/scan.js';
import type { Finding, InputError, Lang } from '../../core/report.js';
import { APPARMOR_RULES, lintAppArmorText, lintWithParser, apparmorParserAvailable } from '../../apparmor/lint.js';
import { DescriptionError, generateFromAudit, generateFromDescription } from '../../apparmor/generate.js';
import { apparmorWiring } from '../../apparmor/wiring.js';
import { buildLintReport, toFinding } from '../../seccomp/report.js';
import { forEachLine } from '../../seccomp/line-stream.js';
import { parseAuditAppArmor, type AppArmorRecord } from '../../seccomp/audit-line.js';
import { writeOutputFile } from '../output-file.js';

export function register(program: Command): void {
  const apparmor = new Command('apparmor').description('lint and generate AppArmor profiles for containers');

  const lint = addOutputOptions(new Command('lint')
    .description('check AppArmor profiles: apparmor_parser -Q -K where installed, plus mamori\'s own rules')
    .argument('<profiles...>', 'profile files'))
    .addOption(failOnOption().default('low'))
    .addOption(langOption('language of titles'))
    .option('--no-parser', 'skip apparmor_parser even where installed')
    .action((files: string[], f: { format: string; output?: string; color?: boolean; failOn: string; lang: Lang; parser: boolean }, self: Command) => {
      const rules = new Map(APPARMOR_RULES.map((r) => [r.id, r]));
      const findings: Finding[] = [];
      const errors: InputError[] = [];
      const useParser = f.parser && apparmorParserAvailable();
      if (f.parser && !useParser) process.stderr.write('mamori: apparmor_parser not found: syntax is checked by mamori\'s own rules only (apt-get install apparmor)\n');
      for (const file of files) {
        let text: string;
        try { text = readFileSync(file, 'utf8'); } catch (e) {
          errors.push({ file, line: null, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
          continue;
        }
        const raws = lintAppArmorText(text);
        if (useParser) raws.unshift(...(lintWithParser(file) ?? []));
        for (const r of raws) findings.push(toFinding(r, rules, 'AppArmorProfile', file, f.lang));
      }
      const report = buildLintReport({ profile: 'apparmor-lint', lang: f.lang, findings, errors, files: files.length, rules: APPARMOR_RULES });
      const text = renderReport(report, asFormat(f.format), { lang: f.lang, color: useColor(f), rules: APPARMOR_RULES });
      if (f.output) writeOutputFile(f.output, text); else process.stdout.write(text);
      for (const e of errors) process.stderr.write(`mamori: ${e.file}: ${e.message}\n`);
      setExitCode(self, exitCodeFor(report, parseFailOn(f.failOn)));
    });

  const generate = new Command('generate')
    .description('write a container profile from a description, or from AppArmor audit records (type=1400)')
    .requiredOption('--name <name>', 'profile name (what localhostProfile / the annotation references)')
    .option('--read-only-root', 'allow writes only below --write paths')
    .option('--write <path>', 'writable directory (repeatable, comma-separated)', collect)
    .option('--network <rule>', 'none (default), all, or "FAMILY [TYPE]" such as "inet tcp" (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--cap <capability>', 'capability to allow (repeatable, comma-separated; e.g. net_bind_service)', collect)
    .option('--from-audit <log>', 'build the rules from AppArmor audit records in this log (audit.log, syslog, dmesg)')
    .option('--container <name>', 'container name used in the printed Pod snippet', 'app')
    .option('-o, --output <file>', 'write the profile to a file instead of standard output')
    .option('-q, --quiet', 'do not print the Kubernetes wiring')
    .action(async (f: { name: string; readOnlyRoot?: boolean; write?: string[]; network?: string[]; cap?: string[]; fromAudit?: string; container: string; output?: string; quiet?: boolean }, self: Command) => {
      let text: string;
      try {
        if (f.fromAudit) {
          const records: AppArmorRecord[] = [];
          try {
            await forEachLine(createReadStream(f.fromAudit), (l) => { const r = parseAuditAppArmor(l); if (r) records.push(r); });
          } catch (e) {
            throw new UsageError(`${f.fromAudit}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
          if (records.length === 0) throw new UsageError(`${f.fromAudit}: no AppArmor audit records (type=1400 apparmor=...) found`);
          const r = generateFromAudit(records, f.name);
          text = r.text;
          process.stderr.write(`mamori: ${records.length} AppArmor records from profile(s) ${r.profiles.join(', ')}\n`);
        } else {
          text = generateFromDescription({ name: f.name, readOnlyRoot: Boolean(f.readOnlyRoot), writePaths: f.write ?? [], network: f.network ?? [], capabilities: f.cap ?? [] });
        }
      } catch (e) {
        if (e instanceof DescriptionError) throw new UsageError(e.message);
        throw e;
      }
      if (f.output) writeOutputFile(f.output, text); else process.stdout.write(text);
      if (!f.quiet) process.stderr.write(`\n${apparmorWiring(f.name, f.container)}`);
      setExitCode(self, 0);
    });

  apparmor.addCommand(lint);
  apparmor.addCommand(generate);
  program.addCommand(apparmor);
}
