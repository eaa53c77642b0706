// `mamori rbac`: RBAC that grants more than needed, in manifests or the live cluster (seed 003: groups, least privilege).
import { Command } from 'commander';
import { renderReport } from '../../formatters/index.js';
import { exitCodeFor, noObjects } from '../../scan/scan.js';
import { addOutputOptions, addClusterOptions, addInputOptions, asFormat, asNotice, inputOptions, parseFailOn, useColor, failOnOption, langOption, type InputFlags } from '../options.js';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import type { Lang, Notice } from '../../core/report.js';
import { analyzeRbac, type RbacOptions } from '../../rbac/analyze.js';
import { rbacInputsFromCluster, rbacInputsFromFiles } from '../../rbac/source.js';
import { RBAC_RULES } from '../../rbac/rules/index.js';
import { loadConfigFile } from '../../config/load.js';
import { ledgerOf, resolveRuleRuns } from '../../config/rule-runs.js';
import { KubeClient, describeApiFailure } from '../../kube/client.js';
import type { RuleMeta } from '../../formatters/index.js';
import { documentedRules } from '../../formatters/rules.js';
import { writeOutputFile } from '../output-file.js';

interface RbacFlags extends InputFlags {
  cluster?: boolean; kubeconfig?: string; context?: string; includeSystem?: boolean; namespace: string; config?: string;
  lang: Lang; format: string; output?: string; color?: boolean; failOn?: string;
}

export function rbacRuleMeta(): RuleMeta[] {
  return documentedRules(RBAC_RULES.map((r) => r.meta), 'rbac.md', ['RBAC']);
}

export function register(program: Command): void {
  const cmd = new Command('rbac')
    .description('find RBAC that grants more than needed (cluster-admin, wildcards, escalation, Secrets, exec, users instead of groups) in manifests or the live cluster')
    .argument('[paths...]', 'manifest files or folders (- for stdin); omit with --cluster')
    .option('--cluster', 'read roles, bindings and Pods from the live cluster (read-only)')
    .option('--include-system', 'also judge the API server\'s bootstrap roles and bindings (system:*)')
    .option('-n, --namespace <ns>', 'namespace for manifests that name none', 'default')
    .option('-c, --config <file>', 'configuration file (default: mamori.yaml in the working directory): exceptions, and policies.<id> effect and parameters')
    .addOption(langOption());
  addClusterOptions(cmd);
  addOutputOptions(cmd);
  addInputOptions(cmd);
  cmd
    .addOption(failOnOption())
    .action(async (paths: string[], flags: RbacFlags, self: Command) => {
      // The same mamori.yaml as scan: its exception ledger, and policies.<id> for the RBAC rules.
      const loaded = loadConfigFile(flags.config);
      const expired: Notice[] = [];
      const config: Pick<RbacOptions, 'runs' | 'ledger'> = {
        runs: resolveRuleRuns(RBAC_RULES, loaded),
        ledger: ledgerOf(loaded, new Date().toISOString().slice(0, 10), (n) => expired.push(n)),
      };
      let report;
      if (flags.cluster) {
        if (paths.length) throw new UsageError('rbac: give either manifest paths or --cluster, not both');
        const client = await KubeClient.connect({ kubeconfig: flags.kubeconfig, context: flags.context });
        try {
          const inputs = await rbacInputsFromCluster(client).catch((e: unknown) => { throw new UsageError(describeApiFailure(e, `reading RBAC from ${client.server}`, 'mamori rbac --cluster needs list on roles, clusterroles, rolebindings, clusterrolebindings, serviceaccounts and pods')); });
          report = analyzeRbac(inputs, { lang: flags.lang, includeSystem: flags.includeSystem, ...config });
        } finally { client.close(); }
      } else {
        if (paths.length === 0) {
          if (process.stdin.isTTY) throw new UsageError('rbac: name manifest files or folders, - for stdin, or --cluster');
          paths = ['-'];
        }
        const { inputs, errors, notices, skipped } = await rbacInputsFromFiles(paths, inputOptions(flags));
        report = analyzeRbac(inputs, { lang: flags.lang, includeSystem: flags.includeSystem, defaultNamespace: flags.namespace, ...config });
        report.errors.push(...errors);
        report.notices.push(...notices.map(asNotice));
        if (inputs.length === 0 && errors.length === 0 && !flags.allowEmpty) report.errors.push(noObjects(paths, skipped));
      }
      report.notices.push(...expired);
      const text = renderReport(report, asFormat(flags.format), { lang: flags.lang, color: useColor(flags), rules: rbacRuleMeta() });
      if (flags.output) writeOutputFile(flags.output, text); else process.stdout.write(text);
      if (report.errors.length && flags.format !== 'table') {
        for (const e of report.errors) process.stderr.write(`mamori: ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}\n`);
      }
      setExitCode(self, exitCodeFor(report, parseFailOn(flags.failOn ?? loaded.config.failOn)));
    });
  program.addCommand(cmd);
}
