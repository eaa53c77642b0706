// mamori audit --watch on a real node: a Deployment's container exits and the kubelet restarts it; the audit follows the Pod's updates and keeps the finding on the Deployment, with the same Pod.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireOrSkip, startCluster } from '../harness/cluster.js';
import { IMAGES, requireNodeOrSkip, startNode } from '../harness/node.js';
import { apply, get, kubectl, mamori, metric, pods, until } from './support.js';

const UNHEALTHY = 'policy="privileged-container",severity="medium"';

test('audit --watch sees a Pod whose container exits and restarts, and keeps its finding on the Deployment', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(t) || !requireNodeOrSkip(t)) return;
  const cluster = await startCluster({ workloadControllers: true });
  t.after(() => cluster.stop());
  const node = await startNode(cluster);
  t.after(async () => { const r = await node.stop(); assert.deepEqual(r.errors, [], 'the host is as before'); });
  await cluster.createNamespace('shop');

  // No scheduler runs: the template names the node. The container lives two seconds, then the kubelet restarts it.
  await apply(cluster, [{
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'flaky', namespace: 'shop' },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'flaky' } },
      template: { metadata: { labels: { app: 'flaky' } }, spec: { nodeName: node.name, containers: [{ name: 'app', image: IMAGES.busybox, command: ['sh', '-c', 'sleep 2; exit 3'], securityContext: { privileged: true } }] } },
    },
  }]);
  const podName = await until('the Deployment\'s Pod running', async () => {
    const [p] = await pods(cluster, 'shop', 'app=flaky');
    return p?.status?.containerStatuses?.[0]?.state?.running ? p.metadata.name : undefined;
  }, 120_000);

  const kc = ['--kubeconfig', cluster.kubeconfigPath];
  const proc = mamori(['audit', ...kc, '-n', 'shop', '--policy', 'privileged-container', '--watch', '--write-policy-reports', '--create-crds', '--metrics-port', '0', '--metrics-address', '127.0.0.1', '--report-interval', '0.5']);
  let stderr = '';
  proc.stderr!.on('data', (c) => { stderr += c; });
  proc.stdout!.resume();
  t.after(() => { if (proc.exitCode === null) proc.kill('SIGKILL'); });
  const port = await until('the metrics address', async () => { const m = /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(stderr); return m ? Number(m[1]) : undefined; }, 60_000);
  await until('the watch', async () => (/watching for changes/.test(stderr) ? true : undefined), 30_000);

  const report = async (): Promise<Array<{ policy: string; resources: Array<{ kind: string; name: string }>; properties?: { pods?: string } }>> =>
    (JSON.parse(await kubectl(cluster, ['get', 'policyreports', '-n', 'shop', 'mamori-audit', '-o', 'json'])) as { results: Array<{ policy: string; result: string; resources: Array<{ kind: string; name: string }>; properties?: { pods?: string } }> })
      .results.filter((r) => r.result === 'fail');
  const failing = async () => (await report()).map((r) => `${r.policy} ${r.resources[0]!.kind}/${r.resources[0]!.name} ${r.properties?.pods ?? ''}`);
  const m0 = await get(port, '/metrics');
  assert.equal(metric(m0, 'mamori_audit_policy_unhealthy_resources', UNHEALTHY), 1, m0);
  assert.deepEqual(await until('the PolicyReport', async () => { const f = await failing(); return f.length ? f : undefined; }, 15_000), [`privileged-container Deployment/flaky ${podName}`]);
  const events0 = metric(m0, 'mamori_audit_watch_events_total', 'kind="pods"') ?? 0;
  const resources0 = metric(m0, 'mamori_audit_resources');

  // The kubelet restarts the container (after its back-off): the same Pod, restartCount 1.
  const restarted = await until('the container restarted', async () => {
    const [p] = await pods(cluster, 'shop', 'app=flaky');
    const s = p?.status?.containerStatuses?.[0];
    return p && s && s.restartCount >= 1 ? { name: p.metadata.name, restarts: s.restartCount, last: s.lastState?.terminated } : undefined;
  }, 120_000);
  assert.equal(restarted.name, podName);
  assert.equal(restarted.last?.exitCode, 3);

  // The audit saw the Pod's updates (exit, back-off, start again) through its watch ...
  const m1 = await until('the Pod updates in the audit\'s watch', async () => {
    const m = await get(port, '/metrics');
    return (metric(m, 'mamori_audit_watch_events_total', 'kind="pods"') ?? 0) > events0 ? m : undefined;
  }, 30_000);
  t.diagnostic(`pod watch events: ${events0} before the restart, ${metric(m1, 'mamori_audit_watch_events_total', 'kind="pods"')} after`);
  // ... and judged the restarted Pod again: still one unhealthy Deployment, the same Pod, nothing counted twice.
  assert.equal(metric(m1, 'mamori_audit_resources'), resources0);
  assert.equal(metric(m1, 'mamori_audit_policy_unhealthy_resources', UNHEALTHY), 1, m1);
  assert.deepEqual(await failing(), [`privileged-container Deployment/flaky ${podName}`]);

  proc.kill('SIGTERM');
  const code = await new Promise<number | null>((res) => proc.on('close', (c) => res(c)));
  assert.equal(code, 1, stderr);
});
