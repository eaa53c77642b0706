// Rule tests for pss-seccomp-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, good, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-seccomp-restricted.js';

ruleTester(check, {
  valid: [
    { name: 'v1.18: not a check yet', version: '1.18', yaml: pod({}), params: { level: 'restricted' } },
    { name: 'v1.19: pod RuntimeDefault covers unset containers; container Localhost fine', version: '1.19', yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a'), ctr('b', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })] }), params: { level: 'restricted' } },
    { name: 'v1.25: os.name windows exempt', version: '1.25', yaml: pod({ os: { name: 'windows' } }), params: { level: 'restricted' } },
    { name: 'pod Localhost covers unset containers', yaml: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }), params: { level: 'restricted' } },
    { name: 'every container setting a valid type passes without a pod value', yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'RuntimeDefault' } })], initContainers: [ctr('i', { seccompProfile: { type: 'Localhost', localhostProfile: 'x' } })] }), params: { level: 'restricted' } },
  ],
  invalid: [
    {
      name: 'v1.19: missing everywhere',
      version: '1.19',
      yaml: pod({ initContainers: [ctr('i')], containers: [ctr('a')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.initContainers[0].securityContext.seccompProfile', container: null, message: 'seccompProfile (pod or containers "i", "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")', change: 'set-seccomp-runtime-default', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"}],"initContainers":[{"name":"i","image":"x"}], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}' }],
      output: null,
    },
    {
      name: 'pod Unconfined fails even when every container is valid',
      yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [good('a')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.seccompProfile.type', container: null, message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'explicit bad container beats missing ones',
      yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile.type', container: 'a', message: 'seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'v1.24: Windows pods are not exempt yet',
      version: '1.24',
      yaml: pod({ os: { name: 'windows' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile', container: 'c', message: 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")', change: 'set-seccomp-runtime-default', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}],"os":{"name":"windows"}, "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}' }],
      output: null,
    },
    {
      name: 'missing: init, regular and ephemeral in visiting order',
      yaml: pod({ containers: [ctr('r'), ctr('ok', { seccompProfile: { type: 'RuntimeDefault' } })], initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.initContainers[0].securityContext.seccompProfile', container: null, message: 'seccompProfile (pod or containers "i", "r", "e" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")', change: 'set-seccomp-runtime-default', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"r","image":"x"},{"name":"ok","image":"x","securityContext":{"seccompProfile":{"type":"RuntimeDefault"}}}],"initContainers":[{"name":"i","image":"x"}],"ephemeralContainers":[{"name":"e","image":"x"}], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}' }],
      output: null,
    },
    {
      name: 'pod and container explicit: values sorted, once each',
      yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b', { seccompProfile: { type: 'Bogus' } })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.securityContext.seccompProfile.type', container: null, message: 'seccompProfile (pod and containers "a", "b" must not set securityContext.seccompProfile.type to "Bogus", "Unconfined")' }],
      output: null,
    },
    {
      name: 'v1.25: os.name linux is not exempt',
      version: '1.25',
      yaml: pod({ os: { name: 'linux' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile', container: 'c', message: 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")', change: 'set-seccomp-runtime-default', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x"}],"os":{"name":"linux"}, "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}' }],
      output: null,
    },
    {
      name: 'v1.19 onwards the annotations do not satisfy it',
      version: '1.19',
      yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile', container: 'c', message: 'seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")', change: 'set-seccomp-runtime-default', suggestion: '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","annotations":{"seccomp.security.alpha.kubernetes.io/pod":"runtime/default"}},"spec":{"containers":[{"name":"c","image":"x"}], "securityContext": {"seccompProfile": {"type": "RuntimeDefault"}}}}' }],
      output: null,
    },
  ],
});

