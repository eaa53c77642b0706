// The audit's /metrics: names, labels and values of one snapshot in the Prometheus text format, served over HTTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Report } from '../core/report.js';
import { renderMetrics, serveMetrics, type MetricsState } from './metrics.js';
import type { AuditSummary } from './store.js';

function state(): MetricsState {
  // Only the fields the exposition reads: a unit test of a pure function.
  const report = { summary: { resources: 12, bySeverity: { high: 3, medium: 1 } } } as unknown as Report;
  const summary = {
    recommendations: [{ policyId: 'privileged-container', severity: 'high', healthy: 9, unhealthy: 3 }],
    namespaces: [{ namespace: 'sh"op\\x', unhealthy: 2 }],
  } as unknown as AuditSummary;
  return {
    report, summary,
    watches: new Map([['pods', { events: 7, reconnects: 1, relists: 2, connected: true }]]),
    lastEvaluation: new Date('2026-11-30T12:00:00.900Z'),
    reportWrites: 4,
    reportWriteErrors: 0,
  };
}

test('audit metrics: every series of a snapshot with its labels and value', async () => {
  const m = await renderMetrics(state());
  const lines = m.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.deepEqual(lines, [
    'mamori_audit_resources 12',
    'mamori_audit_policy_healthy_resources{policy="privileged-container",severity="high"} 9',
    'mamori_audit_policy_unhealthy_resources{policy="privileged-container",severity="high"} 3',
    'mamori_audit_findings{severity="high"} 3',
    'mamori_audit_findings{severity="medium"} 1',
    // label values escaped as the format requires
    'mamori_audit_namespace_unhealthy_resources{namespace="sh\\"op\\\\x"} 2',
    'mamori_audit_watch_connected{kind="pods"} 1',
    'mamori_audit_watch_events_total{kind="pods"} 7',
    'mamori_audit_watch_reconnects_total{kind="pods"} 1',
    'mamori_audit_relists_total{kind="pods"} 2',
    'mamori_audit_policy_report_writes_total 4',
    'mamori_audit_policy_report_write_errors_total 0',
    'mamori_audit_last_evaluation_timestamp_seconds 1796040000',
  ]);
  assert.match(m, /^# TYPE mamori_audit_watch_events_total counter$/m);
  assert.match(m, /^# TYPE mamori_audit_findings gauge$/m);
});

test('audit metrics: each scrape is its own snapshot, served on /metrics with the text format type', async () => {
  let n = 0;
  const server = await serveMetrics(0, '127.0.0.1', () => renderMetrics({ ...state(), reportWrites: ++n }));
  try {
    for (const want of [1, 2]) {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
      assert.match(await res.text(), new RegExp(`^mamori_audit_policy_report_writes_total ${want}$`, 'm'));
    }
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${server.port}/other`)).status, 404);
  } finally {
    await server.close();
  }
});
