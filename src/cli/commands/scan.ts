// `mamori scan`: evaluate manifests (files, folders, stdin) before they are deployed.
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import { renderOnDemand } from '../../formatters/on-demand.js';
import { scanPaths, exitCodeFor, nothingToJudge } from '../../scan/scan.js';
import { addEngineOptions, addInputOptions, addOutputOptions, asFormat, inputOptions, parseFailOn, useColor, failOnOption, type InputFlags } from '../options.js';
import { catalogueRules } from '../rules.js';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import type { Lang, Report } from '../../core/report.js';
import { writeOutputFile } from '../output-file.js';
import { compareWithBaseline, gatedFindings, readBaseline } from '../../core/baseline.js';

interface ScanFlags extends InputFlags {
  config?: string; profile?: string; policy?: string[]; namespace: string; azureParameters?: string; lang: Lang;
  format: string; output?: string; color?: boolean; failOn?: string; maxFileSize?: string; summaryBy?: string; jobs?: string; baseline?: string; failOnExisting?: boolean; verbose?: boolean; seccompProfileRoot?: string; apparmorProfileDir?: string;
}

/** --baseline: the earlier JSON report's findings, read before scanning so a bad file fails fast. */
function loadBaseline(file: string): Parameters<typeof compareWithBaseline>[1] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--baseline ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const found = readBaseline(text);
  if ('problem' in found) throw new UsageError(`--baseline ${file}: ${found.problem}`);
  return found;
}

/** --summary-by namespace: the dry run before labelling namespaces (text, or its data as JSON). */
async function summaryText(report: Report, flags: ScanFlags): Promise<string> {
  const { summaryByNamespace } = await import('../../formatters/summary-by-namespace.js');
  const s = summaryByNamespace(report, flags.lang);
  return flags.format === 'json' ? `${JSON.stringify(s.data, null, 2)}\n` : s.text;
}

export function register(program: Command): void {
  const cmd = new Command('scan')
    .description('scan Kubernetes manifests (files, folders, - for stdin) against a profile')
    .argument('[paths...]', 'files or folders (.yaml, .yml, .json, searched recursively); - reads stdin');
  addEngineOptions(cmd);
  addOutputOptions(cmd);
  addInputOptions(cmd);
  cmd
    .addOption(failOnOption())
    .option('-j, --jobs <n>', 'threads to scan with (default: 1; one per core for inputs over 64 MB)')
    .option('--max-file-size <bytes>', 'refuse input files larger than this', String(256 * 1024 * 1024))
    .option('--seccomp-profile-root <dir>', 'kubelet seccomp profile root: report Localhost profiles missing there')
    .option('--apparmor-profile-dir <dir>', 'AppArmor profiles as loaded on the nodes: report Localhost profiles none declares')
    .option('--baseline <report.json>', 'an earlier `--format json` report: mark findings new or unchanged, list fixed ones; --fail-on counts new ones only')
    .option('--fail-on-existing', 'with --baseline: --fail-on counts unchanged findings too')
    .option('--verbose', 'table: print each finding\'s remediation under it, not once per policy at the end')
    .addOption(new Option('--summary-by <what>', 'print a per-namespace summary instead of findings').choices(['namespace']))
    .action(async (paths: string[], flags: ScanFlags, self: Command) => {
      if (paths.length === 0) {
        if (process.stdin.isTTY) throw new UsageError('scan: name files or folders to scan, or - for stdin (see mamori scan --help)');
        paths = ['-'];
      }
      const loaded = loadConfigFile(flags.config);
      const resolve = {
        profile: flags.profile, only: flags.policy, lang: flags.lang, defaultNamespace: flags.namespace, azureParameters: flags.azureParameters,
        flagParameters: { seccompProfileRoot: flags.seccompProfileRoot, apparmorProfileDir: flags.apparmorProfileDir },
      };
      const cfg = resolveEngineConfig(loaded, resolve);
      const maxFileBytes = Number(flags.maxFileSize);
      if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0) throw new UsageError(`--max-file-size ${flags.maxFileSize}: expected a number of bytes`);
      const workers = flags.jobs === undefined ? undefined : Number(flags.jobs) === 1 ? 0 : Number(flags.jobs);
      if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw new UsageError(`--jobs ${flags.jobs}: expected a whole number of 1 or more`);
      const previous = flags.baseline === undefined ? undefined : loadBaseline(flags.baseline);
      const scanned = await scanPaths(paths, cfg, { maxFileBytes, workers, rebuild: { configFile: loaded.file, resolve }, inputs: inputOptions(flags) });
      scanned.generatedAt = new Date().toISOString();
      const empty = flags.allowEmpty ? undefined : nothingToJudge(scanned, paths);
      if (empty) scanned.errors.push(empty);
      const report = previous ? compareWithBaseline(scanned, previous, flags.baseline!) : scanned;
      const text = flags.summaryBy === 'namespace'
        ? await summaryText(report, flags)
        : await renderOnDemand(report, asFormat(flags.format), { lang: flags.lang, color: useColor(flags), rules: catalogueRules(), verbose: flags.verbose === true });
      if (flags.output) writeOutputFile(flags.output, text);
      else process.stdout.write(text);
      if (report.errors.length && flags.format !== 'table') {
        for (const e of report.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
      }
      setExitCode(self, exitCodeFor({ ...report, findings: gatedFindings(report, flags.failOnExisting === true) }, parseFailOn(flags.failOn ?? loaded.config.failOn)));
    });
  cmd.addHelpText('after', `
Examples:
  mamori scan k8s/                                   every .yaml/.yml/.json below k8s/
  helm template my-chart | mamori scan -             rendered output on stdin
  mamori scan k8s/ -f sarif -o mamori.sarif          for code scanning
  mamori scan k8s/ -p pss-restricted:v1.30 --fail-on high
  mamori scan k8s/ -p pss-restricted --summary-by namespace   what enforce: restricted would reject
  mamori scan k8s/ --baseline main.json --fail-on high       fail only on findings main.json does not have

Folders: only .yaml, .yml and .json files are read; documents without apiVersion and kind are skipped.
A folder with Chart.yaml is rendered with helm template (--helm-values, --helm-set), one with a
kustomization.yaml with kubectl kustomize; symbolic links are followed only with --follow-symlinks.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage error, unreadable input,
or no Kubernetes object at all in the input (unless --allow-empty).`);
  program.addCommand(cmd);
}
