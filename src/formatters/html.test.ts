// The HTML renderer as a pure function: escaping (markup and embedded data), both languages, header, counts, linear size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, esc } from './html.js';
import type { Finding, Report } from '../core/report.js';

function report(findings: Finding[]): Report {
  return {
    schemaVersion: 1, tool: { name: 'mamori', version: '0.0.0' }, profile: 'defender', lang: 'en',
    summary: { resources: 2, findings: findings.filter((f) => f.status === 'open').length, bySeverity: { high: 0, medium: 1, low: 0 }, byPolicy: {}, excepted: 0, suppressed: 0 },
    policies: [{ policyId: 'privileged-container', title: 'Privileged <containers>', severity: 'medium', effect: 'Audit', evaluated: 2, unhealthy: 1, findings: 1 }],
    findings, notices: [{ policyId: null, message: 'note "<x>"' }], errors: [{ file: 'a&b.yaml', line: 3, message: '<bad>' }], unusedExceptions: [],
  };
}

const finding: Finding = {
  policyId: 'privileged-container', severity: 'medium', effect: 'Audit',
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'x"><img src=y onerror=alert(1)></script>' },
  container: 'c', path: 'spec.containers[0].securityContext.privileged', message: "it's <privileged>", remediation: 'r', location: { file: 'k8s/<pod>.yaml', line: 4, column: 3 }, status: 'open',
  fix: [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false }],
};

/** The page data the script reads, decoded the way the script decodes it. */
function data(html: string): { strings: string[]; fields: string[]; f: number[][] } {
  const m = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  assert.ok(m, 'page data present');
  return JSON.parse(m[1]!) as { strings: string[]; fields: string[]; f: number[][] };
}

test('html: escapes every value from the report, in markup and in the embedded data', () => {
  const html = renderHtml(report([finding]), { lang: 'en' });
  assert.ok(!html.includes('<img'));
  assert.equal(html.split('</script>').length - 1, 2, 'only the data and the script element close');
  assert.ok(html.includes('Privileged &lt;containers&gt;'));
  assert.ok(html.includes('a&amp;b.yaml'));
  assert.ok(html.includes('k8s/&lt;pod&gt;.yaml'));
  const d = data(html);
  const row = Object.fromEntries(d.fields.map((k, i) => [k, d.strings[d.f[0]![i]!]]));
  assert.equal(row.n, finding.resource.name);
  assert.equal(row.m, "it's <privileged>");
  assert.match(row.x!, /# spec\.containers\[0\]\nsecurityContext:\n {2}privileged: false/);
  assert.equal(esc(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});

test('html: self-contained, no external references, a CSP that forbids the network', () => {
  const html = renderHtml(report([finding]), { lang: 'en' });
  assert.doesNotMatch(html, /(?:src|href)=["']?(?:https?:)?\/\//);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('html: header says when, by which version and profile, what was scanned; healthy = evaluated - unhealthy', () => {
  const r = { ...report([finding]), generatedAt: '2026-11-30T17:46:06.123Z', scanned: { paths: ['k8s/', 'extra.yaml'], files: 12, objects: 30, skipped: 2 } };
  const html = renderHtml(r, { lang: 'en' });
  assert.match(html, /<time datetime="2026-11-30T17:46:06.123Z">2026-11-30 17:46 UTC<\/time> by mamori 0\.0\.0/);
  assert.match(html, /<code>k8s\/<\/code>, <code>extra\.yaml<\/code> <span data-scope="counts">\(12 files, 30 objects, 2 skipped\)<\/span>/);
  assert.match(html, /<td class="num unhealthy"[^>]*>1<\/td><td class="num healthy"[^>]*>1<\/td>/);
  // input errors come last, folded
  assert.ok(html.indexOf('id="errors"') > html.indexOf('id="findings-h"'));
  assert.match(html, /<details class="block" id="errors">/);
});

test('html: Japanese labels, lang attribute, and an empty report says so', () => {
  const ja = renderHtml({ ...report([finding]), lang: 'ja' }, { lang: 'ja' });
  assert.match(ja, /<html lang="ja">/);
  assert.ok(ja.includes('検出事項の絞り込み'));
  const empty = renderHtml({ ...report([]), errors: [], notices: [] }, { lang: 'en' });
  assert.ok(empty.includes('No findings. Every evaluated resource is healthy.'));
});

test('html: size grows linearly with the findings (repeated text is stored once)', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i): Finding => ({ ...finding, resource: { ...finding.resource, name: `pod-${i}` }, location: { file: `f${i % 50}.yaml`, line: i, column: 1 } }));
  const size = (n: number) => renderHtml(report(many(n)), { lang: 'en' }).length;
  const base = size(0);
  const per1k = (size(1000) - base) / 1000;
  const per10k = (size(10_000) - base) / 10_000;
  assert.ok(per10k < per1k * 1.15, `bytes per finding: ${per1k.toFixed(0)} at 1,000, ${per10k.toFixed(0)} at 10,000`);
  assert.ok(per10k < 200, `${per10k.toFixed(0)} bytes per finding`);
});

test('html: an audit (no files) has no per-file table and no file filter; a scan has both', () => {
  const audit = renderHtml(report([{ ...finding, location: null }]), { lang: 'en' });
  assert.doesNotMatch(audit, /id="file-h"|id="f-file"/);
  assert.match(audit, /id="ns-h"/);
  const scan = renderHtml(report([finding]), { lang: 'en' });
  assert.match(scan, /id="file-h"[\s\S]*id="f-file"/);
});
