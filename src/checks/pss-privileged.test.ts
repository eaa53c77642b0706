// Rule tests for pss-privileged: PSA's privileged check and its message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, pod } from '../../test/support/pss.js';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-privileged.js';

ruleTester(check, {
  valid: [
    { name: 'unset and false pass (v1.0)', version: '1.0', yaml: pod({ containers: [ctr('a', { privileged: false }), ctr('b')] }) },
    { name: 'pod-level privileged is not a field PSA reads', yaml: pod({ securityContext: { privileged: true } }) },
  ],
  invalid: [
    {
      name: 'one privileged container (v1.0)',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { privileged: true })] }),
      errors: [{ path: 'spec.containers[0].securityContext.privileged', container: 'a', message: 'privileged (container "a" must not set securityContext.privileged=true)', change: 'set-privileged-false' }],
      output: null,
    },
    {
      name: 'init, regular and ephemeral, in PSA order (latest)',
      yaml: pod({ containers: [ctr('r', { privileged: true })], initContainers: [ctr('i', { privileged: true })], ephemeralContainers: [ctr('e', { privileged: true })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.privileged', container: null, message: 'privileged (containers "i", "r", "e" must not set securityContext.privileged=true)', change: 'set-privileged-false' }],
      output: null,
    },
  ],
});

test('pss-privileged: Windows nodeSelector pods are not skipped, and the finding points at the first offender', () => {
  const r = runCheck('pss-privileged', pod({ nodeSelector: { 'kubernetes.io/os': 'windows' }, containers: [ctr('a'), ctr('b', { privileged: true })] }));
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0]!.path, 'spec.containers[1].securityContext.privileged');
  assert.equal(r.findings[0]!.container, 'b');
  assert.equal(r.findings[0]!.effect, 'Audit');
});
