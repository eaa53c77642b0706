// The HTML renderer as a pure function: escaping, both languages, counts, and fix snippets from ops.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderHtml, esc } from './html.js';
import type { Finding, Report } from '../model/types.js';

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
  resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'x"><img src=y onerror=alert(1)>' },
  container: 'c', path: 'spec.containers[0].securityContext.privileged', message: "it's <privileged>", remediation: 'r', location: null, status: 'open',
  fix: [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'privileged'], value: false }],
};

test('html: escapes every value from the report', () => {
  const html = renderHtml(report([finding]), { lang: 'en' });
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('x&quot;&gt;&lt;img src=y onerror=alert(1)&gt;'));
  assert.ok(html.includes('it&#39;s &lt;privileged&gt;'));
  assert.ok(html.includes('Privileged &lt;containers&gt;'));
  assert.ok(html.includes('a&amp;b.yaml'));
  assert.equal(esc(`<&>"'`), '&lt;&amp;&gt;&quot;&#39;');
});

test('html: self-contained, no external references, a CSP that forbids the network', () => {
  const html = renderHtml(report([finding]), { lang: 'en' });
  assert.doesNotMatch(html, /(?:src|href)=["']?(?:https?:)?\/\//);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
});

test('html: the fix snippet is YAML from the container down; healthy = evaluated - unhealthy', () => {
  const html = renderHtml(report([finding]), { lang: 'en' });
  assert.match(html, /# spec\.containers\[0\]\nsecurityContext:\n {2}privileged: false/);
  assert.match(html, /<td class="num unhealthy"[^>]*>1<\/td><td class="num healthy"[^>]*>1<\/td>/);
});

test('html: Japanese labels, lang attribute, and an empty report says so', () => {
  const ja = renderHtml(report([finding]), { lang: 'ja' });
  assert.match(ja, /<html lang="ja">/);
  assert.ok(ja.includes('検出事項の絞り込み'));
  const empty = renderHtml({ ...report([]), errors: [], notices: [] }, { lang: 'en' });
  assert.ok(empty.includes('No findings. Every evaluated resource is healthy.'));
});
