// `mamori scan`: evaluate manifests (files, folders, stdin) before they are deployed.
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import { renderReport } from '../../formatters/index.js';
import { scanPaths, exitCodeFor, nothingToJudge } from '../../scan/scan.js';
import { addEngineOptions, addInputOptions, addOutputOptions, asFormat, inputOptions, parseFailOn, useColor, failOnOption, type InputFlags } from '../options.js';
import { catalogueRules } from '../rules.js';
import { setExitCode } from '../main.js';
import { UsageError } from '../errors.js';
import type { Lang, Report } from '../../model/types.js';
import { summaryByNamespace } from '../../formatters/summary-by-namespace.js';

interface ScanFlags extends InputFlags {
  config?: string; profile?: string; policy?: string[]; namespace: string; azureParameters?: string; lang: Lang;
  format: string; output?: string; color?: boolean; failOn?: string; maxFileSize?: string; summaryBy?: string; jobs?: string; seccompProfileRoot?: string; apparmorProfileDir?: string;
}

/** --summary-by namespace: the dry run before labelling namespaces (text, or its data as JSON). */
function summaryText(report: Report, flags: ScanFlags): string {
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
      const report = await scanPaths(paths, cfg, { maxFileBytes, workers, rebuild: { configFile: loaded.file, resolve }, inputs: inputOptions(flags) });
      const empty = flags.allowEmpty ? undefined : nothingToJudge(report, paths);
      if (empty) report.errors.push(empty);
      const text = flags.summaryBy === 'namespace'
        ? summaryText(report, flags)
        : renderReport(report, asFormat(flags.format), { lang: flags.lang, color: useColor(flags), rules: catalogueRules() });
      if (flags.output) writeFileSync(flags.output, text);
      else process.stdout.write(text);
      if (report.errors.length && flags.format !== 'table') {
        for (const e of report.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
      }
      setExitCode(self, exitCodeFor(report, parseFailOn(flags.failOn ?? loaded.config.failOn)));
    });
  cmd.addHelpText('after', `
Examples:
  mamori scan k8s/                                   every .yaml/.yml/.json below k8s/
  helm template my-chart | mamori scan -             rendered output on stdin
  mamori scan k8s/ -f sarif -o mamori.sarif          for code scanning
  mamori scan k8s/ -p pss-restricted:v1.30 --fail-on high
  mamori scan k8s/ -p pss-restricted --summary-by namespace   what enforce: restricted would reject

Folders: only .yaml, .yml and .json files are read; documents without apiVersion and kind are skipped.
A folder with Chart.yaml is rendered with helm template (--helm-values, --helm-set), one with a
kustomization.yaml with kubectl kustomize; symbolic links are followed only with --follow-symlinks.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a usage error, unreadable input,
or no Kubernetes object at all in the input (unless --allow-empty).`);
  program.addCommand(cmd);
}
