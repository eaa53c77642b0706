// Rule tests for pss-apparmor, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { ctr, good, pod } from '../../test/support/pss.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './pss-apparmor.js';

ruleTester(check, {
  valid: [
    { name: 'RuntimeDefault, Localhost, unset; annotation runtime/default, localhost/x and empty pass', version: '1.0', yaml: pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'x' } }), ctr('b')] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/x', 'container.apparmor.security.beta.kubernetes.io/b': '' } }) },
  ],
  invalid: [
    {
      name: 'the field is checked at v1.0 too',
      version: '1.0',
      yaml: pod({ containers: [ctr('a', { appArmorProfile: { type: 'Unconfined' } })] }),
      errors: [{ path: 'spec.containers[0].securityContext.appArmorProfile.type', container: 'a', message: 'forbidden AppArmor profile (container "a" must not set AppArmor profile type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'pod, container and annotations (naming no container) together',
      yaml: pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [ctr('a', { appArmorProfile: { type: 'Unconfined' } })] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/ghost': 'unconfined' } }),
      errors: [{ path: 'spec.securityContext.appArmorProfile.type', container: null, message: 'forbidden AppArmor profiles (pod and container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/ghost="unconfined"")' }],
      output: null,
    },
    {
      name: 'annotation only: the key=value is the listed value',
      version: '1.0',
      yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]', container: null, message: 'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="unconfined"")' }],
      output: null,
    },
    {
      name: 'an annotation value is Go-quoted inside the unescaped list, as PSA prints it',
      yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'my"prof\\ile' } }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]', container: null, message: 'forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="my\\"prof\\\\ile"")' }],
      output: null,
    },
    {
      name: 'a bare profile name fails; several annotations sorted',
      yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/z': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/c': 'my-profile' } }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/z"]', container: null, message: 'forbidden AppArmor profiles (annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="my-profile"", "container.apparmor.security.beta.kubernetes.io/z="unconfined"")' }],
      output: null,
    },
    {
      name: 'types from init, regular and ephemeral containers, sorted and once each',
      yaml: pod({ initContainers: [ctr('i', { appArmorProfile: { type: 'Unconfined' } })], containers: [ctr('r', { appArmorProfile: { type: 'Bogus' } })], ephemeralContainers: [ctr('e', { appArmorProfile: { type: 'Unconfined' } })] }),
      errors: [{ path: 'spec.initContainers[0].securityContext.appArmorProfile.type', container: null, message: 'forbidden AppArmor profiles (containers "i", "r", "e" must not set AppArmor profile type to "Bogus", "Unconfined")' }],
      output: null,
    },
    {
      name: 'pod level alone',
      yaml: pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }),
      errors: [{ path: 'spec.securityContext.appArmorProfile.type', container: null, message: 'forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")' }],
      output: null,
    },
    {
      name: 'restricted runs it too',
      yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, appArmorProfile: { type: 'Unconfined' } } })] }),
      params: { level: 'restricted' },
      errors: [{ path: 'spec.containers[0].securityContext.appArmorProfile.type', container: 'a', message: 'forbidden AppArmor profile (container "a" must not set AppArmor profile type to "Unconfined")' }],
      output: null,
    },
  ],
});

