// `mamori versions`: the cluster against the supported Kubernetes versions, kubelet skew, nodes, and deprecated APIs at a target version (seed 003).
import { Command } from 'commander';
import { renderReport, type RuleMeta } from '../../formatters/index.js';
import { documentedRules } from '../../formatters/rules.js';
import { exitCodeFor, noObjects } from '../../scan/scan.js';
import { addOutputOptions, addClusterOptions, addInputOptions, asFormat, asNotice, inputOptions, parseFailOn, useColor, failOnOption, langOption, type InputFlags } from '../options.js';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import type { Lang, Notice } from '../../core/report.js';
import type { Obj } from '../../k8s/values.js';
import { loadManifests } from '../../source/load.js';
import { originOf } from '../../source/origin.js';
import { KubeClient, describeApiFailure } from '../../kube/client.js';
import { analyzeVersions, renderVersionsInfo, VERSION_RULES, type VersionsInput } from '../../versions/analyze.js';
import { loadReleases, minorOf, RELEASES, RELEASES_AS_OF } from '../../versions/releases.js';
import { readClusterFacts } from '../../versions/cluster.js';
import { dirname, resolve } from 'node:path';
import { loadConfigFile } from '../../config/load.js';
import { ledgerOf, resolveRuleRuns } from '../../config/rule-runs.js';
import { writeOutputFile } from '../output-file.js';

interface VersionsFlags extends InputFlags {
  cluster?: boolean; kubeconfig?: string; context?: string; targetVersion?: string; releases?: string; today?: string; config?: string;
  lang: Lang; format: string; output?: string; color?: boolean; failOn?: string;
}

function ruleMeta(): RuleMeta[] {
  return documentedRules(VERSION_RULES.map((r) => r.meta), 'versions.md', ['versions']);
}

export function register(program: Command): void {
  const cmd = new Command('versions')
    .description('check Kubernetes versions: supported window, kubelet skew, nodes, deprecated and removed APIs at a target version, SeccompDefault')
    .argument('[paths...]', 'manifest files or folders (- for stdin) to check for deprecated API versions')
    .option('--cluster', 'read the live cluster: version, nodes, and the apiVersion objects were last applied with')
    .option('--target-version <minor>', 'Kubernetes version to check manifests against, e.g. 1.32 (default: the cluster\'s, else the newest supported)')
    .option('--releases <file>', `release table (YAML/JSON {asOf, releases: [{minor, released, endOfLife}]}) replacing the built-in one (as of ${RELEASES_AS_OF})`)
    .option('-c, --config <file>', 'configuration file (default: mamori.yaml in the working directory): exceptions, policies.<id> effect and parameters, versions.releases (a release table)')
    .option('--today <date>', 'judge the supported window on this date (YYYY-MM-DD; default: today)')
    .addOption(langOption());
  addClusterOptions(cmd);
  addOutputOptions(cmd);
  addInputOptions(cmd);
  cmd
    .addOption(failOnOption())
    .action(async (paths: string[], flags: VersionsFlags, self: Command) => {
      if (flags.targetVersion !== undefined && !minorOf(flags.targetVersion)) throw new UsageError(`--target-version ${flags.targetVersion}: expected a version such as 1.32`);
      if (flags.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.today)) throw new UsageError(`--today ${flags.today}: expected YYYY-MM-DD`);
      if (!flags.cluster && paths.length === 0 && process.stdin.isTTY) throw new UsageError('versions: name manifest files or folders, - for stdin, or --cluster');
      // --releases, else mamori.yaml's versions.releases (relative to that file), else the table mamori ships
      const loaded = loadConfigFile(flags.config);
      const runs = resolveRuleRuns(VERSION_RULES, loaded);
      const fromConfig = loaded.config.versions?.releases;
      const releasesFile = flags.releases ?? (fromConfig && loaded.file ? resolve(dirname(loaded.file), fromConfig) : undefined);
      const table = releasesFile ? await loadReleases(releasesFile) : { asOf: RELEASES_AS_OF, releases: [...RELEASES] };
      const objects: VersionsInput['objects'] = [];
      const errors = [];
      const notices: string[] = [];
      if (paths.length > 0 || !flags.cluster) {
        const read = paths.length ? paths : ['-'];
        const manifests = await loadManifests(read, inputOptions(flags));
        errors.push(...manifests.errors);
        notices.push(...manifests.notices.map((n) => asNotice(n).message));
        for (const o of manifests.objects) objects.push({ object: o.object, ...originOf(o) });
        if (manifests.objects.length === 0 && errors.length === 0 && !flags.allowEmpty) errors.push(noObjects(read, manifests.ignored));
      }
      let cluster: { gitVersion: string } | undefined;
      let nodes: Obj[] | undefined;
      if (flags.cluster) {
        const client = await KubeClient.connect({ kubeconfig: flags.kubeconfig, context: flags.context });
        try {
          const facts = await readClusterFacts(client).catch((e: unknown) => { throw new UsageError(describeApiFailure(e, `reading ${client.server}`, 'mamori versions --cluster needs get on /version and list on nodes')); });
          cluster = { gitVersion: facts.gitVersion };
          nodes = facts.nodes;
          notices.push(...facts.notices);
          for (const o of facts.applied) objects.push({ object: o });
        } finally { client.close(); }
      }
      // The exception ledger judges expiry on the same day the supported window is judged on (--today).
      const today = flags.today ?? new Date().toISOString().slice(0, 10);
      const expired: Notice[] = [];
      const { report, info } = analyzeVersions({
        lang: flags.lang, today, releases: table.releases, tableAsOf: table.asOf,
        target: flags.targetVersion, cluster, nodes, objects,
        runs, ledger: ledgerOf(loaded, today, (n) => expired.push(n)),
      });
      report.notices.push(...expired);
      report.errors.push(...errors);
      for (const n of notices) report.notices.push({ policyId: null, message: n });
      const format = asFormat(flags.format);
      let text: string;
      if (format === 'json') text = `${JSON.stringify({ ...report, versions: info }, null, 2)}\n`;
      else if (format === 'table') text = `${renderVersionsInfo(info, flags.lang)}\n${renderReport(report, 'table', { lang: flags.lang, color: useColor(flags), rules: ruleMeta() })}`;
      else text = renderReport(report, format, { lang: flags.lang, color: false, rules: ruleMeta() });
      if (flags.output) writeOutputFile(flags.output, text); else process.stdout.write(text);
      setExitCode(self, exitCodeFor(report, parseFailOn(flags.failOn ?? loaded.config.failOn)));
    });
  program.addCommand(cmd);
}
