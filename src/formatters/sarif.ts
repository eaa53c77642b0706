// SARIF 2.1.0 for code scanning: one rule per check, physical locations where a source exists.
import type { Report, Severity } from '../core/report.js';
import { resourceName, type RuleMeta } from './rules.js';
import { fingerprint } from '../core/baseline.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { high: 'error', medium: 'warning', low: 'note' };
/** GitHub code scanning reads security-severity (0–10) to rank security alerts. */
const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0' };

function uri(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}

export function renderSarif(report: Report, rules: readonly RuleMeta[]): string {
  const lang = report.lang;
  const used = new Set(report.findings.map((f) => f.policyId));
  const table = rules.filter((r) => used.has(r.id) || report.policies.some((p) => p.policyId === r.id));
  for (const id of used) {
    if (!table.some((r) => r.id === id)) {
      const f = report.findings.find((x) => x.policyId === id)!;
      table.push({ id, title: { en: id, ja: id }, description: { en: f.message, ja: f.message }, remediation: { en: f.remediation, ja: f.remediation }, severity: f.severity });
    }
  }
  const index = new Map(table.map((r, i) => [r.id, i]));
  const results = report.findings.map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.policyId,
      ruleIndex: index.get(f.policyId),
      level: LEVEL[f.severity],
      message: { text: `${f.message} (${resourceName(f)}${f.container ? `, container ${f.container}` : ''}; ${f.path})` },
      locations: [{
        ...(f.location ? {
          physicalLocation: {
            artifactLocation: { uri: uri(f.location.file) },
            region: { startLine: f.location.line, startColumn: f.location.column },
          },
        } : {}),
        logicalLocations: [{ fullyQualifiedName: `${resourceName(f)}${f.container ? `/${f.container}` : ''}`, kind: 'object' }],
      }],
      partialFingerprints: { 'mamori/v1': fingerprint(f) },
      properties: { resource: f.resource, container: f.container, path: f.path, effect: f.effect },
      ...(f.baseline ? { baselineState: f.baseline } : {}),
    };
    if (f.status !== 'open') {
      result.suppressions = [{ kind: f.status === 'suppressed' ? 'inSource' : 'external', status: 'accepted', justification: f.statusReason ?? '' }];
    }
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'mamori',
          version: report.tool.version,
          semanticVersion: report.tool.version,
          informationUri: 'https://github.com/mamori-dev/mamori',
          rules: table.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: r.title[lang] },
            fullDescription: { text: r.description[lang] },
            help: { text: r.remediation[lang], markdown: `**${r.title[lang]}**\n\n${r.description[lang]}\n\n${r.remediation[lang]}` },
            ...(r.helpUri ? { helpUri: r.helpUri } : {}),
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { tags: ['security', 'kubernetes', ...(r.tags ?? [])], 'security-severity': SECURITY_SEVERITY[r.severity], precision: 'very-high' },
          })),
        },
      },
      results,
      invocations: [{
        executionSuccessful: report.errors.length === 0,
        toolExecutionNotifications: [
          ...report.errors.map((e) => ({
            level: 'error',
            message: { text: e.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file) }, ...(e.line ? { region: { startLine: e.line } } : {}) } }],
          })),
          ...report.notices.map((n) => ({ level: 'note', message: { text: `${n.policyId ? `${n.policyId}: ` : ''}${n.message}` } })),
        ],
      }],
      properties: { profile: report.profile },
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
