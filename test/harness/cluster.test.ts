// Smoke test of the real kube-apiserver + etcd harness that mamori's webhook and audit tests run against.
import test from 'node:test';
import assert from 'node:assert/strict';
import { requireOrSkip, startCluster, type Cluster } from './cluster.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: x
spec:
  containers:
  - name: web
    image: registry.invalid/web:1
    securityContext:
      privileged: true
`;

test('real API server: namespace, Pod, restart', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  const cluster: Cluster = await startCluster();
  t.after(() => cluster.stop());
  t.diagnostic(`cluster ${cluster.server} ready in ${cluster.startupMs}ms`);
  assert.match(cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/);

  await cluster.createNamespace('x');
  const applied = await cluster.kubectl(['apply', '-f', '-'], pod);
  assert.equal(applied.code, 0, applied.stderr);
  assert.match(applied.stdout, /pod\/web created/);

  const got = await cluster.kubectl(['get', 'pods', '-n', 'x', '-o', 'json']);
  assert.equal(got.code, 0, got.stderr);
  const items = (JSON.parse(got.stdout) as { items: Array<{ metadata: { name: string }; spec: { containers: Array<{ securityContext?: { privileged?: boolean } }> } }> }).items;
  assert.deepEqual(items.map((p) => p.metadata.name), ['web']);
  assert.equal(items[0]!.spec.containers[0]!.securityContext?.privileged, true);

  const t0 = Date.now();
  await cluster.restartApiServer();
  t.diagnostic(`API server restarted in ${Date.now() - t0}ms`);
  const again = await cluster.kubectl(['get', 'pod', 'web', '-n', 'x', '-o', 'jsonpath={.metadata.name}']);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, 'web');

  // Webhook tests serve mamori over TLS with a cert from the cluster CA, so the API server trusts it.
  const cert = await cluster.issueServingCert();
  assert.match(cert.certPem, /BEGIN CERTIFICATE/);
  assert.equal(cert.caPem, cluster.caPem);
});
