// JUnit XML for CI dashboards: one test case per (resource, check), failures carrying the messages.
import type { Finding, Report } from '../core/report.js';
import { resourceName } from './rules.js';

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }[c]!))
    // XML 1.0 forbids most control characters even when escaped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/**
 * Test cases come from the findings and the per-policy tallies: a resource a policy evaluated without an open
 * finding passes; resources are only named when they failed, since the report does not list healthy ones.
 */
export function renderJunit(report: Report): string {
  const byPolicy = new Map<string, Map<string, Finding[]>>();
  for (const f of report.findings) {
    const res = byPolicy.get(f.policyId) ?? new Map<string, Finding[]>();
    const list = res.get(resourceName(f)) ?? [];
    list.push(f);
    res.set(resourceName(f), list);
    byPolicy.set(f.policyId, res);
  }
  const suites: string[] = [];
  let total = 0;
  let failures = 0;
  let skipped = 0;
  for (const p of report.policies) {
    const res = byPolicy.get(p.policyId) ?? new Map<string, Finding[]>();
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    for (const [name, list] of res) {
      const open = list.filter((f) => f.status === 'open');
      const where = list.find((f) => f.location)?.location;
      const attrs = `name="${esc(name)}" classname="${esc(p.policyId)}"${where ? ` file="${esc(where.file)}" line="${where.line}"` : ''}`;
      if (open.length > 0) {
        suiteFailures++;
        const body = open.map((f) => `${f.container ? `[${f.container}] ` : ''}${f.message}\n  at ${f.path}${f.location ? ` (${f.location.file}:${f.location.line}:${f.location.column})` : ''}\n  fix: ${f.remediation}`).join('\n');
        cases.push(`    <testcase ${attrs}>\n      <failure type="${esc(p.severity)}" message="${esc(open[0]!.message)}">${esc(body)}</failure>\n    </testcase>`);
      } else {
        suiteSkipped++;
        cases.push(`    <testcase ${attrs}>\n      <skipped message="${esc(list.map((f) => `${f.status}: ${f.statusReason ?? ''}`).join('; '))}"/>\n    </testcase>`);
      }
    }
    const passed = Math.max(0, p.evaluated - res.size);
    if (passed > 0) cases.push(`    <testcase name="${passed} other resource(s) passed" classname="${esc(p.policyId)}"/>`);
    const tests = cases.length;
    total += tests;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(`  <testsuite name="${esc(p.policyId)}" tests="${tests}" failures="${suiteFailures}" skipped="${suiteSkipped}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (report.errors.length) {
    const cases = report.errors.map((e) => `    <testcase name="${esc(`${e.file}${e.line ? `:${e.line}` : ''}`)}" classname="input"><error message="${esc(e.message)}"/></testcase>`);
    suites.push(`  <testsuite name="input" tests="${cases.length}" failures="0" errors="${cases.length}" skipped="0">\n${cases.join('\n')}\n  </testsuite>`);
    total += cases.length;
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mamori (${esc(report.profile)})" tests="${total}" failures="${failures}" errors="${report.errors.length}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
}
