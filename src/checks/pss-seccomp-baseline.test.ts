// Rule tests for pss-seccomp-baseline, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-seccomp-baseline.js';

ruleTester(check, {
  valid: [
    { name: 'v1.18: annotations runtime/default, docker/default, localhost/ pass', version: '1.18', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/c': 'localhost/p.json' } }) },
    { name: 'v1.18: fields are not read', version: '1.18', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }) },
    { name: 'v1.19: annotations ignored', version: '1.19', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }) },
    { name: 'restricted v1.19: replaced by seccompProfile_restricted', version: '1.19', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), params: { level: 'restricted' } },
    { name: 'v1.19: Localhost and RuntimeDefault fields pass', version: '1.19', yaml: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, containers: [ctr('a', { seccompProfile: { type: 'RuntimeDefault' } })] }) },
  ],
  invalid: [
    {
      name: 'v1.18: unconfined and empty fail; unknown container ignored',
      version: '1.18',
      yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/c': '', 'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined' } }),
      errors: [{ path: 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', container: null, message: 'seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/c="", seccomp.security.alpha.kubernetes.io/pod="unconfined")' }],
      output: null,
    },
    {
      name: 'v1.19: Unconfined field fails; unset passes',
      version: '1.19',
      yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b')] }),
      errors: [{ path: 'spec.containers[0].securityContext.seccompProfile.type', container: 'a', message: 'seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'restricted v1.18 runs the annotation form',
      version: '1.18',
      yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }),
      params: { level: 'restricted' },
      errors: [{ path: 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]', container: null, message: 'seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")' }],
      output: null,
    },
    {
      name: 'v1.18: container annotations of init and ephemeral containers count',
      version: '1.18',
      yaml: pod({ initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }, { annotations: { 'container.seccomp.security.alpha.kubernetes.io/i': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/e': 'localhost/' } }),
      errors: [{ path: 'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/i"]', container: null, message: 'seccompProfile (forbidden annotation container.seccomp.security.alpha.kubernetes.io/i="unconfined")' }],
      output: null,
    },
    {
      name: 'pod and container Unconfined',
      yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b', { seccompProfile: { type: 'Unconfined' } })] }),
      errors: [{ path: 'spec.securityContext.seccompProfile.type', container: null, message: 'seccompProfile (pod and containers "a", "b" must not set securityContext.seccompProfile.type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'v1.25: Windows pods are not exempt from the baseline check',
      version: '1.25',
      yaml: pod({ os: { name: 'windows' }, securityContext: { seccompProfile: { type: 'Unconfined' } } }),
      errors: [{ path: 'spec.securityContext.seccompProfile.type', container: null, message: 'seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")' }],
      output: null,
    },
  ],
});

