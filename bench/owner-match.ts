// Benchmarks the audit's owner verification: the template fingerprint of a stored Pod (small and large), per Pod.
// Usage: node --import tsx bench/owner-match.ts [--iterations 50000]
import { cpus, loadavg } from 'node:os';
import { templateFingerprint } from '../src/k8s/template-match.js';

const args = process.argv.slice(2);
const i = args.indexOf('--iterations');
const iterations = i >= 0 ? Number(args[i + 1]) : 50_000;

// As the API server stores a Deployment's Pod: defaults applied, token volume injected, tolerations added.
const container = (n: number) => ({
  name: `c${n}`, image: `contoso.azurecr.io/web:${n}`, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
  resources: { limits: { cpu: '100m', memory: '128Mi' }, requests: { cpu: '50m', memory: '64Mi' } },
  securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, runAsUser: 1000, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
  volumeMounts: [{ name: 'kube-api-access-x7k2q', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
});
const pod = (containers: number) => ({
  metadata: { labels: { app: 'web', 'pod-template-hash': '6c9f8d' } },
  spec: {
    containers: Array.from({ length: containers }, (_, n) => container(n)),
    volumes: [{ name: 'kube-api-access-x7k2q', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } }] } }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', serviceAccountName: 'default', serviceAccount: 'default', nodeName: 'node-1',
    securityContext: {}, schedulerName: 'default-scheduler', enableServiceLinks: true, priority: 0, preemptionPolicy: 'PreemptLowerPriority',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  },
});

process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
for (const containers of [1, 10, 100]) {
  const p = pod(containers);
  for (let n = 0; n < 1000; n++) templateFingerprint(p);
  const n = Math.max(100, Math.round(iterations / containers));
  const t0 = process.hrtime.bigint();
  for (let k = 0; k < n; k++) templateFingerprint(p);
  const us = Number(process.hrtime.bigint() - t0) / n / 1000;
  process.stdout.write(`${String(containers).padStart(3)} container(s), ${JSON.stringify(p).length} bytes: ${us.toFixed(1)} µs per Pod (${n} runs)\n`);
}
