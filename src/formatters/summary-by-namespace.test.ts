// summaryByNamespace over real engine reports: pss-restricted dry run and pss-namespace labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summaryByNamespace } from './summary-by-namespace.js';
import { runProfile, pod, ctr, good } from '../../test/support/pss.js';

const input = [
  pod({ containers: [ctr('a')] }, { namespace: 'prod', name: 'w1' }),
  pod({ hostPID: true, securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a')] }, { namespace: 'prod', name: 'w2' }),
  pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a')] }, { namespace: 'prod', name: 'ok' }),
  pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ['ALL'] }, runAsNonRoot: true } })] }, { namespace: 'dev', name: 'w3' }),
].join('\n---\n');

test('summaryByNamespace: pss-restricted dry run counts rejected workloads per namespace and per check', () => {
  const { data, text } = summaryByNamespace(runProfile('pss-restricted:v1.30', input), 'en');
  assert.equal(data.profile, 'pss-restricted:v1.30');
  assert.deepEqual(data.namespaces.map((n) => [n.namespace, n.rejected, n.warned]), [['dev', 1, 0], ['prod', 2, 0]]);
  const prod = data.namespaces.find((n) => n.namespace === 'prod')!;
  assert.deepEqual(prod.checks.map((c) => `${c.policyId}=${c.rejected}`), [
    'pss-allow-privilege-escalation=1', 'pss-capabilities-restricted=1', 'pss-host-namespaces=1', 'pss-run-as-non-root=1', 'pss-seccomp-restricted=1',
  ]);
  assert.deepEqual(prod.workloads.map((w) => w.name), ['w1', 'w2']);
  assert.deepEqual(data.totals, { rejected: 3, warned: 0 });
  assert.match(text, /^Dry run of pss-restricted:v1\.30 by namespace\nNAMESPACE +REJECTED +WARNED +CHECKS \(workloads\)\ndev +1 +0 +pss-allow-privilege-escalation \(1\)\n/);
  assert.match(text, /\ntotal +3 +0\n$/);
});

test('summaryByNamespace: with pss-namespace, warn-only namespaces are warned, not rejected; Japanese headings', () => {
  const ns = JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod', labels: { 'pod-security.kubernetes.io/warn': 'restricted' } } });
  const { data, text } = summaryByNamespace(runProfile('pss-namespace', `${ns}\n---\n${input}`), 'ja');
  assert.deepEqual(data.namespaces.map((n) => [n.namespace, n.rejected, n.warned]), [['prod', 0, 2]]);
  assert.match(text, /名前空間/);
});

test('summaryByNamespace: nothing to report', () => {
  const { text, data } = summaryByNamespace(runProfile('pss-restricted', pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a')] })), 'en');
  assert.deepEqual(data.namespaces, []);
  assert.match(text, /No workload would be rejected or warned/);
});
