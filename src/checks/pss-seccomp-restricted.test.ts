// Table test for pss-seccomp-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.18: not a check yet', version: '1.18', level: 'restricted', yaml: pod({}), want: [] },
  { name: 'v1.19: missing everywhere', version: '1.19', level: 'restricted', yaml: pod({ initContainers: [ctr('i')], containers: [ctr('a')] }), want: ['seccompProfile (pod or containers "i", "a" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'] },
  { name: 'v1.19: pod RuntimeDefault covers unset containers; container Localhost fine', version: '1.19', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a'), ctr('b', { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } })] }), want: [] },
  { name: 'pod Unconfined fails even when every container is valid', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [good('a')] }), want: ['seccompProfile (pod must not set securityContext.seccompProfile.type to "Unconfined")'] },
  { name: 'explicit bad container beats missing ones', level: 'restricted', yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b')] }), want: ['seccompProfile (container "a" must not set securityContext.seccompProfile.type to "Unconfined")'] },
  { name: 'v1.24: Windows pods are not exempt yet', version: '1.24', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: ['seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'] },
  { name: 'v1.25: os.name windows exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: [] },
  { name: 'pod Localhost covers unset containers', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }, initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }), want: [] },
  { name: 'every container setting a valid type passes without a pod value', level: 'restricted', yaml: pod({ containers: [ctr('a', { seccompProfile: { type: 'RuntimeDefault' } })], initContainers: [ctr('i', { seccompProfile: { type: 'Localhost', localhostProfile: 'x' } })] }), want: [] },
  { name: 'missing: init, regular and ephemeral in visiting order', level: 'restricted', yaml: pod({ containers: [ctr('r'), ctr('ok', { seccompProfile: { type: 'RuntimeDefault' } })], initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }), want: ['seccompProfile (pod or containers "i", "r", "e" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'] },
  { name: 'pod and container explicit: values sorted, once each', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'Unconfined' } }, containers: [ctr('a', { seccompProfile: { type: 'Unconfined' } }), ctr('b', { seccompProfile: { type: 'Bogus' } })] }), want: ['seccompProfile (pod and containers "a", "b" must not set securityContext.seccompProfile.type to "Bogus", "Unconfined")'] },
  { name: 'v1.25: os.name linux is not exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'linux' } }), want: ['seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'] },
  { name: 'v1.19 onwards the annotations do not satisfy it', version: '1.19', level: 'restricted', yaml: pod({}, { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' } }), want: ['seccompProfile (pod or container "c" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")'] },
];

for (const c of cases) {
  test(`pss-seccomp-restricted: ${c.name}`, () => assert.deepEqual(messages('pss-seccomp-restricted', c.yaml, c.version, c.level), c.want));
}
