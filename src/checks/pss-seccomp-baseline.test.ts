// Table test for pss-seccomp-baseline, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.18: annotations runtime/default, docker/default, localhost/ pass', version: '1.18', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/c': 'localhost/p.json' } }), want: [] },
  { name: 'v1.18: unconfined and empty fail; unknown container ignored', version: '1.18', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/c': '', 'container.seccomp.security.alpha.kubernetes.io/ghost': 'unconfined' } }), want: ['seccompProfile (forbidden annotations container.seccomp.security.alpha.kubernetes.io/c="", seccomp.security.alpha.kubernetes.io/pod="unconfined")'] },
  { name: 'v1.18: fields are not read', version: '1.18', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), want: [] },
  { name: 'v1.19: annotations ignored', version: '1.19', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }), want: [] },
  { name: 'v1.19: Unconfined field fails; unset passes', version: '1.19', yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b')] }), want: ['seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")'] },
  { name: 'restricted v1.18 runs the annotation form', version: '1.18', level: 'restricted', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } }), want: ['seccompProfile (forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined")'] },
  { name: 'restricted v1.19: replaced by seccompProfile_restricted', version: '1.19', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } } }), want: [] },
  { name: 'v1.18: container annotations of init and ephemeral containers count', version: '1.18', yaml: pod({ initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }, { annotations: { 'container.seccomp.security.alpha.kubernetes.io/i': 'unconfined', 'container.seccomp.security.alpha.kubernetes.io/e': 'localhost/' } }), want: ['seccompProfile (forbidden annotation container.seccomp.security.alpha.kubernetes.io/i="unconfined")'] },
  { name: 'v1.19: Localhost and RuntimeDefault fields pass', version: '1.19', yaml: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, containers: [ctr('a', { seccompProfile: { type: 'RuntimeDefault' } })] }), want: [] },
  { name: 'pod and container Unconfined', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b', { seccompProfile: { type: 'Unconfined' } })] }), want: ['seccompProfile (pod and containers "a", "b" must not set securityContext.seccompProfile.type to "Unconfined")'] },
  { name: 'v1.25: Windows pods are not exempt from the baseline check', version: '1.25', yaml: pod({ os: { name: 'windows' }, securityContext: { seccompProfile: { type: 'Unconfined' } } }), want: ['seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")'] },
];

for (const c of cases) {
  test(`pss-seccomp-baseline: ${c.name}`, () => assert.deepEqual(messages('pss-seccomp-baseline', c.yaml, c.version, c.level), c.want));
}
