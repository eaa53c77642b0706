// Rule tests for misplaced-security-context-field: container-only fields at pod level and pod-only fields in containers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ctr, pod } from '../../test/support/pss.js';

test('misplaced: readOnlyRootFilesystem at pod level is reported with where to move it, and moved by the fix', () => {
  const r = runCheck('misplaced-security-context-field', pod({ securityContext: { readOnlyRootFilesystem: true, runAsUser: 1000 }, containers: [ctr('a'), ctr('b', { readOnlyRootFilesystem: false })] }));
  assert.equal(r.errors.length, 0, 'the shape check must not reject the misplaced field first');
  assert.equal(r.findings.length, 1);
  const f = r.findings[0]!;
  assert.equal(f.path, 'spec.securityContext.readOnlyRootFilesystem');
  assert.match(f.message, /is ignored: readOnlyRootFilesystem exists only in a container's securityContext/);
  assert.match(f.message, /Move it to each container's securityContext \("a", "b"\)/);
});

test('misplaced: removing a permissive value is a fix; moving a restrictive one into containers that do not set it is a suggestion (it takes effect for the first time)', async () => {
  const { checkById } = await import('./index.js');
  const check = checkById('misplaced-security-context-field')!;
  const { podView } = await import('../k8s/workload.js');
  const o = JSON.parse(pod({ securityContext: { allowPrivilegeEscalation: false, privileged: true }, containers: [ctr('a'), ctr('b', { allowPrivilegeEscalation: true })], ephemeralContainers: [ctr('e')] }));
  const pv = podView(o, 'default')!;
  if (check.target !== 'pod') throw new Error('pod check expected');
  const v = check.check({ pod: pv, containers: pv.containers, inventory: { serviceAccount: () => undefined, namespace: () => undefined, networkPolicies: () => [] } }, {} as never);
  assert.deepEqual(v.map((x) => x.fix), [[{ op: 'remove', path: ['spec', 'securityContext', 'privileged'] }], undefined]);
  assert.deepEqual(v.map((x) => x.suggestion?.ops), [
    undefined,
    [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'allowPrivilegeEscalation'], value: false }, { op: 'remove', path: ['spec', 'securityContext', 'allowPrivilegeEscalation'] }],
  ]);
  assert.deepEqual(v.map((x) => x.change?.id), ['remove-ignored-field', 'move-field']);
  assert.match(v[0]!.message.en, /would grant privileges/);
});

test('misplaced: pod-only fields in a container; the first carrier gives the pod its value', () => {
  const r = runCheck('misplaced-security-context-field', pod({ containers: [ctr('a', { fsGroup: 2000, sysctls: [{ name: 'net.core.somaxconn', value: '1' }] }), ctr('b', { supplementalGroups: [3000] })], initContainers: [ctr('i', { fsGroup: 1 })] }));
  assert.equal(r.errors.length, 0);
  assert.deepEqual(r.findings.map((f) => `${f.container} ${f.path}`), [
    'a spec.containers[0].securityContext.fsGroup',
    'a spec.containers[0].securityContext.sysctls',
    'b spec.containers[1].securityContext.supplementalGroups',
    'i spec.initContainers[0].securityContext.fsGroup',
  ]);
  assert.match(r.findings[0]!.message, /fsGroup exists only in the pod's securityContext.*Move it to spec\.securityContext\.fsGroup/);
});

test('misplaced: pod-only field in a container when the pod already sets it', () => {
  const r = runCheck('misplaced-security-context-field', pod({ securityContext: { fsGroup: 2000 }, containers: [ctr('a', { fsGroup: 3000 })] }));
  assert.match(r.findings[0]!.message, /already sets 2000/);
});

test('misplaced: correctly placed fields give nothing', () => {
  const r = runCheck('misplaced-security-context-field', pod({ securityContext: { fsGroup: 1, runAsUser: 1, seccompProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a', { readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, runAsUser: 2 })] }));
  assert.deepEqual(r.findings, []);
});
