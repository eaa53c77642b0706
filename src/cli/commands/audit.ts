// `mamori audit`: evaluate what runs in a live cluster, as Defender's recommendation view shows it; optionally follow it and write PolicyReports.
import { Command, Option } from 'commander';
import { loadConfigFile, resolveEngineConfig } from '../../config/load.js';
import { renderReport } from '../../formatters/index.js';
import { exitCodeFor } from '../../scan/scan.js';
import { addEngineOptions, addOutputOptions, addClusterOptions, asFormat, parseFailOn, useColor, failOnOption } from '../options.js';
import { catalogueRules } from '../rules.js';
import { setExitCode } from '../exit-code.js';
import { UsageError } from '../../core/errors.js';
import type { Lang, Report } from '../../core/report.js';
import { KubeClient, describeApiFailure } from '../../kube/client.js';
import { auditOnce, AUDIT_NEEDS, REPORT_NEEDS } from '../../audit/run.js';
import { progressFor } from '../../audit/progress.js';
import { renderSummary } from '../../audit/summary-text.js';
import type { AuditSummary } from '../../audit/store.js';
import { ensureCrds, MissingCrdError, writePolicyReports, DEFAULT_LIMITS, namespacesWithReports, resolveReportApis, REPORT_API_CHOICES, REPORT_APIS, type ReportApi, type ReportApiChoice } from '../../audit/policy-report.js';
import { Follower } from '../../audit/follow.js';
import { renderMetrics, serveMetrics } from '../../audit/metrics.js';
import { writeOutputFile } from '../output-file.js';

interface AuditFlags {
  kubeconfig?: string; context?: string; config?: string; profile?: string; policy?: string[]; namespace?: string;
  azureParameters?: string; lang: Lang; format: string; output?: string; color?: boolean; failOn?: string;
  view: 'both' | 'findings' | 'defender'; pageSize: string; progress: boolean;
  writePolicyReports?: boolean; createCrds?: boolean; maxReportResults: string; reportApi: ReportApiChoice;
  watch?: boolean; metricsPort?: string; metricsAddress: string; reportInterval: string;
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} ${v}: expected a positive whole number`);
  return n;
}

/** The findings in the chosen format, with Defender's view beside them (table) or inside them (json). */
export function renderAudit(report: Report, summary: AuditSummary, flags: Pick<AuditFlags, 'format' | 'view' | 'lang' | 'color' | 'output'>): string {
  const format = asFormat(flags.format);
  if (format === 'json') return `${JSON.stringify({ ...report, audit: summary }, null, 2)}\n`;
  if (format !== 'table') return renderReport(report, format, { lang: flags.lang, color: false, rules: catalogueRules() });
  const parts: string[] = [];
  if (flags.view !== 'defender') parts.push(renderReport(report, 'table', { lang: flags.lang, color: useColor(flags, process.stdout), rules: catalogueRules() }));
  if (flags.view !== 'findings') parts.push(renderSummary(summary, flags.lang));
  return parts.join('\n');
}

export function register(program: Command): void {
  const cmd = new Command('audit')
    .description('audit the workloads running in a cluster (read-only), as Defender for Cloud\'s recommendations view shows them')
  addClusterOptions(cmd);
  addEngineOptions(cmd, 'audit only this namespace (default: all namespaces)');
  addOutputOptions(cmd);
  cmd
    .addOption(new Option('--view <view>', 'table output: findings, Defender\'s recommendations view, or both').choices(['both', 'findings', 'defender']).default('both'))
    .addOption(failOnOption())
    .option('--page-size <n>', 'objects per list request (memory is bounded by it)', '500')
    .option('--no-progress', 'no progress line on the terminal')
    .option('--write-policy-reports', 'write reports per namespace and one cluster-wide (see --report-api); the CRDs come from deploy/crds/')
    .addOption(new Option('--report-api <api>', 'with --write-policy-reports: wgpolicyk8s.io/v1alpha2 PolicyReports, openreports.io/v1alpha1 Reports, or auto: every one the cluster serves (wgpolicyk8s when neither)').choices([...REPORT_API_CHOICES]).default('auto'))
    .option('--create-crds', 'with --write-policy-reports: create the report CRDs when they are missing')
    .option('--max-report-results <n>', 'results kept per PolicyReport (the summary counts all)', String(DEFAULT_LIMITS.maxResults))
    .option('--watch', 'stay connected: follow changes and keep PolicyReports and /metrics current')
    .option('--metrics-port <port>', 'with --watch: serve Prometheus metrics on this port (0 picks one)')
    .option('--metrics-address <addr>', 'address for --metrics-port', '0.0.0.0')
    .option('--report-interval <seconds>', 'with --watch: how often changed PolicyReports are written', '2')
    .action(async (flags: AuditFlags, self: Command) => {
      const pageSize = positiveInt(flags.pageSize, '--page-size');
      const maxResults = positiveInt(flags.maxReportResults, '--max-report-results');
      const interval = Number(flags.reportInterval);
      if (!(interval > 0)) throw new UsageError(`--report-interval ${flags.reportInterval}: expected seconds > 0`);
      if (flags.metricsPort !== undefined && !flags.watch) throw new UsageError('--metrics-port needs --watch');
      if (flags.createCrds && !flags.writePolicyReports) throw new UsageError('--create-crds needs --write-policy-reports');
      const loaded = loadConfigFile(flags.config);
      const cfg = resolveEngineConfig(loaded, { profile: flags.profile, only: flags.policy, lang: flags.lang, azureParameters: flags.azureParameters });
      const client = await KubeClient.connect({ kubeconfig: flags.kubeconfig, context: flags.context });
      const failOn = parseFailOn(flags.failOn ?? loaded.config.failOn);
      const log = (m: string): void => { process.stderr.write(`mamori audit: ${m}\n`); };
      try {
        let state;
        try {
          state = await auditOnce(client, cfg, { namespace: flags.namespace, pageSize, trackAll: flags.watch === true, progress: flags.progress ? progressFor() : undefined });
        } catch (e) {
          throw new UsageError(describeApiFailure(e, `audit of ${client.server}`, AUDIT_NEEDS));
        }
        const build = (): { report: Report; summary: AuditSummary } => {
          const report: Report = { ...state.store.report(cfg.policies, cfg.profile, cfg.lang), generatedAt: new Date().toISOString() };
          return { report, summary: state.store.summary(report, client.server) };
        };
        const first = build();
        const text = renderAudit(first.report, first.summary, flags);
        if (flags.output) writeOutputFile(flags.output, text); else process.stdout.write(text);
        setExitCode(self, exitCodeFor(first.report, failOn));

        const limits = { maxResults, maxListed: DEFAULT_LIMITS.maxListed };
        let writes = 0;
        let writeErrors = 0;
        let apis: ReportApi[] = [];
        const writeReports = async (namespaces: Set<string>): Promise<void> => {
          const r = await writePolicyReports(client, state.store, cfg.profile, { limits, namespaces, apis });
          writes += r.created + r.updated;
        };
        if (flags.writePolicyReports) {
          try {
            const resolved = await resolveReportApis(client, flags.reportApi);
            apis = resolved.apis;
            for (const n of resolved.notes) log(n);
            const created = await ensureCrds(client, apis, { create: flags.createCrds === true });
            for (const c of created) log(`created CRD ${c}`);
            const namespaces = state.store.takeDirtyNamespaces();
            namespaces.add('');
            // Reports an earlier run wrote in namespaces that have nothing to report now are emptied, not left stale.
            for (const n of await namespacesWithReports(client, apis, flags.namespace)) namespaces.add(n);
            if (flags.namespace) { for (const n of [...namespaces]) if (n !== flags.namespace) namespaces.delete(n); }
            await writeReports(namespaces);
            log(`wrote ${writes} report(s) (${apis.map((a) => REPORT_APIS[a].groupVersion).join(', ')})`);
          } catch (e) {
            if (e instanceof MissingCrdError) throw new UsageError(`writing PolicyReports: ${e.message}`);
            throw new UsageError(describeApiFailure(e, 'writing PolicyReports', REPORT_NEEDS));
          }
        }
        if (!flags.watch) return;

        let lastChange = new Date();
        let snapshot = first;
        let stale = false;
        const follower = new Follower(client, cfg, state, { namespace: flags.namespace, pageSize, log, onChange: () => { stale = true; lastChange = new Date(); } });
        follower.start();
        const current = (): { report: Report; summary: AuditSummary } => {
          if (stale) { snapshot = build(); stale = false; }
          return snapshot;
        };
        const metrics = flags.metricsPort !== undefined
          ? await serveMetrics(Number(flags.metricsPort), flags.metricsAddress, () => {
            const s = current();
            return renderMetrics({ ...s, watches: follower.stats, lastEvaluation: lastChange, reportWrites: writes, reportWriteErrors: writeErrors });
          })
          : undefined;
        if (metrics) log(`metrics on http://${flags.metricsAddress}:${metrics.port}/metrics`);
        log('watching for changes (Ctrl-C to stop)');
        let writing = false;
        const timer = setInterval(() => {
          if (!flags.writePolicyReports || writing) return;
          const dirty = state.store.takeDirtyNamespaces();
          if (flags.namespace) for (const n of [...dirty]) if (n && n !== flags.namespace) dirty.delete(n);
          if (dirty.size === 0) return;
          writing = true;
          writeReports(dirty).catch((e: unknown) => {
            writeErrors++;
            for (const n of dirty) state.store.markDirty(n);
            log(describeApiFailure(e, 'writing PolicyReports', REPORT_NEEDS));
          }).finally(() => { writing = false; });
        }, interval * 1000);
        await new Promise<void>((resolve) => {
          const stop = (): void => { process.off('SIGINT', stop); process.off('SIGTERM', stop); resolve(); };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        clearInterval(timer);
        await follower.stop();
        await metrics?.close();
      } finally {
        client.close();
      }
    });
  program.addCommand(cmd);
}
