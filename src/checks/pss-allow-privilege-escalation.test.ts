// Rule tests for pss-allow-privilege-escalation, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-allow-privilege-escalation.js';

ruleTester(check, {
  valid: [
    { name: 'v1.7: not a check yet', version: '1.7', yaml: pod({}), params: { level: 'restricted' } },
    { name: 'v1.25: os.name windows exempt', version: '1.25', yaml: pod({ os: { name: 'windows' } }), params: { level: 'restricted' } },
    { name: 'not part of baseline', yaml: pod({}), params: { level: 'baseline' } },
  ],
  invalid: [
    {
      name: 'v1.8: unset and true fail, false passes',
      version: '1.8',
      yaml: pod({ containers: [ctr('a'), ctr('b', { allowPrivilegeEscalation: true }), ctr('c', { allowPrivilegeEscalation: false })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: null, message: 'allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
    {
      name: 'pod level cannot satisfy it',
      yaml: pod({ securityContext: { allowPrivilegeEscalation: false }, containers: [ctr('x')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'x', message: 'allowPrivilegeEscalation != false (container "x" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"x","image":"x", "securityContext": {"allowPrivilegeEscalation": false}}],"securityContext":{"allowPrivilegeEscalation":false}}}' }],
      output: null,
    },
    {
      name: 'v1.24: Windows pods are not exempt yet',
      version: '1.24',
      yaml: pod({ os: { name: 'windows' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'c', message: 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x", "securityContext": {"allowPrivilegeEscalation": false}}],"os":{"name":"windows"}}}' }],
      output: null,
    },
    {
      name: 'init, regular and ephemeral in visiting order',
      yaml: pod({ containers: [ctr('r')], initContainers: [ctr('i')], ephemeralContainers: [ctr('e', { allowPrivilegeEscalation: true })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.initContainers[0].securityContext.allowPrivilegeEscalation', container: null, message: 'allowPrivilegeEscalation != false (containers "i", "r", "e" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false' }],
      output: null,
    },
    {
      name: 'v1.25: os.name linux is not exempt',
      version: '1.25',
      yaml: pod({ os: { name: 'linux' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'c', message: 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x", "securityContext": {"allowPrivilegeEscalation": false}}],"os":{"name":"linux"}}}' }],
      output: null,
    },
    {
      name: 'Windows is known by spec.os.name only, not by nodeSelector',
      version: '1.25',
      yaml: pod({ nodeSelector: { 'kubernetes.io/os': 'windows' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', container: 'c', message: 'allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)', change: 'set-allow-privilege-escalation-false', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x", "securityContext": {"allowPrivilegeEscalation": false}}],"nodeSelector":{"kubernetes.io/os":"windows"}}}' }],
      output: null,
    },
  ],
});

