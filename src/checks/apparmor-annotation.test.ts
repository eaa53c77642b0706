// Rule tests for apparmor-annotation: annotation and appArmorProfile field understood together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCheck } from '../../test/support/check-run.js';
import { ctr, pod } from '../../test/support/pss.js';

const K = 'container.apparmor.security.beta.kubernetes.io/';

test('apparmor-annotation: the seed\'s hello-apparmor Pod: deprecated, with the replacing field', () => {
  const r = runCheck('apparmor-annotation', readFileSync(new URL('../../examples/hello-apparmor.yaml', import.meta.url), 'utf8'));
  assert.equal(r.findings.length, 1);
  assert.match(r.findings[0]!.message, /deprecated since Kubernetes v1\.30; use spec\.containers\[0\]\.securityContext\.appArmorProfile: \{"type":"Localhost","localhostProfile":"k8s-apparmor-example-deny-write"\}/);
});

test('apparmor-annotation: disagreement with the container field, or the pod field when the container has none', () => {
  const y = pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'p1' } }), ctr('b'), ctr('c')] }, {
    annotations: { [`${K}a`]: 'localhost/p2', [`${K}b`]: 'unconfined', [`${K}c`]: 'runtime/default' },
  });
  const r = runCheck('apparmor-annotation', y);
  assert.deepEqual(r.findings.map((f) => f.message), [
    `annotation ${K}a says Localhost "p2" but spec.containers[0].securityContext.appArmorProfile says Localhost "p1": they disagree (the API server rejects a pod whose annotation and field disagree); keep only the field`,
    `annotation ${K}b says Unconfined but spec.securityContext.appArmorProfile says RuntimeDefault: they disagree (the API server rejects a pod whose annotation and field disagree); keep only the field`,
    `annotation ${K}c is deprecated since Kubernetes v1.30; use spec.containers[2].securityContext.appArmorProfile: {"type":"RuntimeDefault"} (already set: remove the annotation)`,
  ]);
});

test('apparmor-annotation: unknown container and bare profile names', () => {
  const r = runCheck('apparmor-annotation', pod({}, { annotations: { [`${K}ghost`]: 'runtime/default', [`${K}c`]: 'my-profile' } }));
  assert.deepEqual(r.findings.map((f) => f.message.split(' (')[0]), [`annotation ${K}ghost names container "ghost", which this pod does not have`, `annotation ${K}c: "my-profile" is not a valid AppArmor profile`]);
});

test('apparmor-annotation: version-aware: below v1.30 only what Kubernetes rejects (unknown container, bad value) is reported', () => {
  const y = pod({ containers: [ctr('a'), ctr('b')] }, {
    annotations: {
      'container.apparmor.security.beta.kubernetes.io/a': 'runtime/default',
      'container.apparmor.security.beta.kubernetes.io/b': 'my-profile',
      'container.apparmor.security.beta.kubernetes.io/ghost': 'runtime/default',
    },
  });
  const at = (version: string | undefined): string[] => runCheck('apparmor-annotation', y, { version }).findings.map((f) => f.container ?? '-');
  assert.deepEqual(at('1.29'), ['b', '-']);
  assert.deepEqual(at('1.30'), ['a', 'b', '-']);
  assert.deepEqual(at(undefined), ['a', 'b', '-']);
});
