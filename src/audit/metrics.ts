// Prometheus text exposition of the audit's current state, served on /metrics while --watch runs.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Report } from '../core/report.js';
import type { AuditSummary } from './store.js';
import type { WatchStats } from './watch.js';

function esc(v: string): string { return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"'); }
function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${esc(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

export interface MetricsState {
  report: Report;
  summary: AuditSummary;
  watches: Map<string, WatchStats>;
  lastEvaluation: Date;
  reportWrites: number;
  reportWriteErrors: number;
}

export function renderMetrics(s: MetricsState): string {
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, rows: Array<[Record<string, string>, number]>): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of rows) out.push(`${name}${labels(l)} ${v}`);
  };
  metric('mamori_audit_resources', 'gauge', 'Resources evaluated in the cluster.', [[{}, s.report.summary.resources]]);
  metric('mamori_audit_policy_healthy_resources', 'gauge', 'Resources a recommendation looked at and found healthy.',
    s.summary.recommendations.map((r) => [{ policy: r.policyId, severity: r.severity }, r.healthy]));
  metric('mamori_audit_policy_unhealthy_resources', 'gauge', 'Resources with at least one open finding of a recommendation.',
    s.summary.recommendations.map((r) => [{ policy: r.policyId, severity: r.severity }, r.unhealthy]));
  metric('mamori_audit_findings', 'gauge', 'Open findings by severity.',
    Object.entries(s.report.summary.bySeverity).map(([sev, n]) => [{ severity: sev }, n]));
  metric('mamori_audit_namespace_unhealthy_resources', 'gauge', 'Unhealthy resources per namespace.',
    s.summary.namespaces.map((n) => [{ namespace: n.namespace }, n.unhealthy]));
  metric('mamori_audit_watch_connected', 'gauge', '1 while the watch of a kind is connected.',
    [...s.watches].map(([kind, w]) => [{ kind }, w.connected ? 1 : 0]));
  metric('mamori_audit_watch_events_total', 'counter', 'Watch events received per kind.',
    [...s.watches].map(([kind, w]) => [{ kind }, w.events]));
  metric('mamori_audit_watch_reconnects_total', 'counter', 'Watch connections re-established after an error.',
    [...s.watches].map(([kind, w]) => [{ kind }, w.reconnects]));
  metric('mamori_audit_relists_total', 'counter', 'Full lists after a watch expired (410 Gone).',
    [...s.watches].map(([kind, w]) => [{ kind }, w.relists]));
  metric('mamori_audit_policy_report_writes_total', 'counter', 'PolicyReport objects written.', [[{}, s.reportWrites]]);
  metric('mamori_audit_policy_report_write_errors_total', 'counter', 'PolicyReport writes that failed.', [[{}, s.reportWriteErrors]]);
  metric('mamori_audit_last_evaluation_timestamp_seconds', 'gauge', 'When the results last changed.', [[{}, Math.floor(s.lastEvaluation.getTime() / 1000)]]);
  return `${out.join('\n')}\n`;
}

/** Serves /metrics (and /healthz) from a snapshot function. */
export async function serveMetrics(port: number, address: string, snapshot: () => string): Promise<{ port: number; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') { res.writeHead(405).end(); return; }
    if (url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(snapshot());
    } else if (url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, address, () => resolve()); });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
