// Rule tests for pss-run-as-non-root, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-run-as-non-root.js';

ruleTester(check, {
  valid: [
    { name: 'pod true covers containers that leave it unset', version: '1.0', yaml: pod({ securityContext: { runAsNonRoot: true } }), params: { level: 'restricted' } },
    { name: 'v1.35: hostUsers false exempts', version: '1.35', yaml: pod({ hostUsers: false }), params: { level: 'restricted' } },
    { name: 'every container true without a pod value passes', yaml: pod({ containers: [ctr('a', { runAsNonRoot: true })], initContainers: [ctr('i', { runAsNonRoot: true })] }), params: { level: 'restricted' } },
    { name: 'v1.35: hostUsers false exempts even an explicit false', version: '1.35', yaml: pod({ hostUsers: false, securityContext: { runAsNonRoot: false } }), params: { level: 'restricted' } },
    { name: 'not part of baseline', yaml: pod({}), params: { level: 'baseline' } },
  ],
  invalid: [
    {
      name: 'missing',
      version: '1.0',
      yaml: pod({ containers: [ctr('a'), ctr('b', { runAsNonRoot: true })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'a', message: 'runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)', change: 'set-run-as-non-root' }],
      output: null,
    },
    {
      name: 'pod false fails even when every container sets true',
      yaml: pod({ securityContext: { runAsNonRoot: false }, containers: [ctr('a', { runAsNonRoot: true })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsNonRoot', container: null, message: 'runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)' }],
      output: null,
    },
    {
      name: 'explicit false wins over missing in the message',
      yaml: pod({ containers: [ctr('a', { runAsNonRoot: false }), ctr('b')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'a', message: 'runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false)' }],
      output: null,
    },
    {
      name: 'v1.34: hostUsers false is not an exemption yet',
      version: '1.34',
      yaml: pod({ hostUsers: false }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'c', message: 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)', change: 'set-run-as-non-root' }],
      output: null,
    },
    {
      name: 'Windows pods are not exempt',
      yaml: pod({ os: { name: 'windows' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'c', message: 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)', change: 'set-run-as-non-root' }],
      output: null,
    },
    {
      name: 'pod false and container false',
      yaml: pod({ securityContext: { runAsNonRoot: false }, containers: [ctr('a', { runAsNonRoot: false }), ctr('b')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsNonRoot', container: null, message: 'runAsNonRoot != true (pod and container "a" must not set securityContext.runAsNonRoot=false)' }],
      output: null,
    },
    {
      name: 'missing: init, regular and ephemeral in visiting order',
      yaml: pod({ containers: [ctr('r')], initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.initContainers[0].securityContext.runAsNonRoot', container: null, message: 'runAsNonRoot != true (pod or containers "i", "r", "e" must set securityContext.runAsNonRoot=true)', change: 'set-run-as-non-root' }],
      output: null,
    },
    {
      name: 'v1.35: hostUsers true is not an exemption',
      version: '1.35',
      yaml: pod({ hostUsers: true }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'c', message: 'runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)', change: 'set-run-as-non-root' }],
      output: null,
    },
  ],
});

