// Rule tests for seccomp-annotation-deprecated: the version it stopped working and the replacing field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCheck } from '../../test/support/check-run.js';
import { ctr, pod } from '../../test/support/pss.js';

test('seccomp-annotation-deprecated: the seed\'s legacy chmod-prevented Pod', () => {
  const r = runCheck('seccomp-annotation-deprecated', readFileSync(new URL('../../examples/chmod-prevented-legacy.yaml', import.meta.url), 'utf8'));
  assert.equal(r.findings.length, 1);
  const f = r.findings[0]!;
  assert.equal(f.path, 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]');
  assert.match(f.message, /deprecated since Kubernetes v1\.19 and has no effect from v1\.25/);
  assert.match(f.message, /use spec\.securityContext\.seccompProfile: \{"type":"Localhost","localhostProfile":"prevent-chmod"\}/);
});

test('seccomp-annotation-deprecated: container annotations, unknown containers, bad values, disagreement', () => {
  const y = pod({ containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b', { seccompProfile: { type: 'RuntimeDefault' } })] }, {
    annotations: {
      'container.seccomp.security.alpha.kubernetes.io/a': 'runtime/default',
      'container.seccomp.security.alpha.kubernetes.io/b': 'docker/default',
      'container.seccomp.security.alpha.kubernetes.io/ghost': 'runtime/default',
      'seccomp.security.alpha.kubernetes.io/pod': 'bogus',
    },
  });
  const msgs = runCheck('seccomp-annotation-deprecated', y).findings.map((f) => `${f.container ?? '-'}: ${f.message.split('; ')[1]}`);
  assert.deepEqual(msgs, [
    'a: spec.containers[0].securityContext.seccompProfile says {"type":"Unconfined"}, which disagrees (the API server rejects a pod whose annotation and field disagree)',
    'b: use spec.containers[1].securityContext.seccompProfile: {"type":"RuntimeDefault"}',
    'ghost: it names container "ghost", which this pod does not have',
    '-: its value is not one Kubernetes accepts (runtime/default, docker/default, unconfined, localhost/<path>)',
  ]);
});

test('seccomp-annotation-deprecated: the current form is clean', () => {
  const r = runCheck('seccomp-annotation-deprecated', readFileSync(new URL('../../examples/chmod-prevented.yaml', import.meta.url), 'utf8'));
  assert.deepEqual(r.findings, []);
});

test('seccomp-annotation-deprecated: docker/default is called out as deprecated itself (spec §6.2 #3)', () => {
  const y = pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' } });
  const [f] = runCheck('seccomp-annotation-deprecated', y).findings;
  assert.match(f!.message, /docker\/default is itself deprecated \(since Kubernetes v1\.11\) and means RuntimeDefault/);
  assert.match(f!.message, /use spec\.securityContext\.seccompProfile: \{"type":"RuntimeDefault"\}/);
  const [r] = runCheck('seccomp-annotation-deprecated', pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } })).findings;
  assert.doesNotMatch(r!.message, /docker\/default/);
});

test('seccomp-annotation-deprecated: version-aware: below v1.19 the annotation is the API, only a rejected value is reported', () => {
  const y = pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default', 'container.seccomp.security.alpha.kubernetes.io/c': 'bogus' } });
  const at = (version: string | undefined): string[] => runCheck('seccomp-annotation-deprecated', y, { version }).findings.map((f) => f.message);
  assert.deepEqual(at('1.18'), ['annotation container.seccomp.security.alpha.kubernetes.io/c: "bogus" is not a value Kubernetes accepts (runtime/default, docker/default, unconfined, localhost/<path>)']);
  assert.equal(at('1.19').length, 2);
  assert.match(at('1.19')[0]!, /deprecated since Kubernetes v1\.19/);
  assert.equal(at(undefined).length, 2, 'no version: judged as the newest');
  assert.equal(at('v1.30.2').length, 2);
});
