// Rule tests for pss-run-as-user, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-run-as-user.js';

ruleTester(check, {
  valid: [
    { name: 'v1.22: not a check yet', version: '1.22', yaml: pod({ securityContext: { runAsUser: 0 } }), params: { level: 'restricted' } },
    { name: 'v1.35: hostUsers false exempts', version: '1.35', yaml: pod({ hostUsers: false, containers: [ctr('a', { runAsUser: 0 })] }), params: { level: 'restricted' } },
    { name: 'not part of baseline', yaml: pod({ securityContext: { runAsUser: 0 } }), params: { level: 'baseline' } },
  ],
  invalid: [
    {
      name: 'v1.23: pod and container 0 fail; unset passes',
      version: '1.23',
      yaml: pod({ securityContext: { runAsUser: 0 }, containers: [ctr('a', { runAsUser: 0 }), ctr('b'), ctr('d', { runAsUser: 1000 })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsUser', container: null, message: 'runAsUser=0 (pod and container "a" must not set runAsUser=0)' }],
      output: null,
    },
    {
      name: 'v1.34: hostUsers false not exempt yet',
      version: '1.34',
      yaml: pod({ hostUsers: false, containers: [ctr('a', { runAsUser: 0 })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'runAsUser=0 (container "a" must not set runAsUser=0)' }],
      output: null,
    },
    {
      name: 'pod 0 fails even when every container sets a non-zero user',
      yaml: pod({ securityContext: { runAsUser: 0 }, containers: [ctr('a', { runAsUser: 1000 })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsUser', container: null, message: 'runAsUser=0 (pod must not set runAsUser=0)' }],
      output: null,
    },
    {
      name: 'containers of every class, in visiting order',
      yaml: pod({ containers: [ctr('r', { runAsUser: 0 })], initContainers: [ctr('i', { runAsUser: 0 })], ephemeralContainers: [ctr('e', { runAsUser: 0 })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.initContainers[0].securityContext.runAsUser', container: null, message: 'runAsUser=0 (containers "i", "r", "e" must not set runAsUser=0)' }],
      output: null,
    },
    {
      name: 'v1.35: hostUsers true is not an exemption',
      version: '1.35',
      yaml: pod({ hostUsers: true, securityContext: { runAsUser: 0 } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsUser', container: null, message: 'runAsUser=0 (pod must not set runAsUser=0)' }],
      output: null,
    },
    {
      name: 'Windows pods are not exempt',
      yaml: pod({ os: { name: 'windows' }, securityContext: { runAsUser: 0 } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.runAsUser', container: null, message: 'runAsUser=0 (pod must not set runAsUser=0)' }],
      output: null,
    },
  ],
});

