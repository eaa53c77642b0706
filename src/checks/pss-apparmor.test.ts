// Table test for pss-apparmor, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'RuntimeDefault, Localhost, unset; annotation runtime/default, localhost/x and empty pass', version: '1.0', yaml: pod({ securityContext: { appArmorProfile: { type: 'RuntimeDefault' } }, containers: [ctr('a', { appArmorProfile: { type: 'Localhost', localhostProfile: 'x' } }), ctr('b')] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'localhost/x', 'container.apparmor.security.beta.kubernetes.io/b': '' } }), want: [] },
  { name: 'the field is checked at v1.0 too', version: '1.0', yaml: pod({ containers: [ctr('a', { appArmorProfile: { type: 'Unconfined' } })] }), want: ['forbidden AppArmor profile (container "a" must not set AppArmor profile type to "Unconfined")'] },
  { name: 'pod, container and annotations (naming no container) together', yaml: pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } }, containers: [ctr('a', { appArmorProfile: { type: 'Unconfined' } })] }, { annotations: { 'container.apparmor.security.beta.kubernetes.io/ghost': 'unconfined' } }), want: ['forbidden AppArmor profiles (pod and container "a" and annotation must not set AppArmor profile type to "Unconfined", "container.apparmor.security.beta.kubernetes.io/ghost="unconfined"")'] },
  { name: 'annotation only: the key=value is the listed value', version: '1.0', yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' } }), want: ['forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="unconfined"")'] },
  { name: 'an annotation value is Go-quoted inside the unescaped list, as PSA prints it', yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/c': 'my"prof\\ile' } }), want: ['forbidden AppArmor profile (annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="my\\"prof\\\\ile"")'] },
  { name: 'a bare profile name fails; several annotations sorted', yaml: pod({}, { annotations: { 'container.apparmor.security.beta.kubernetes.io/z': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/c': 'my-profile' } }), want: ['forbidden AppArmor profiles (annotations must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/c="my-profile"", "container.apparmor.security.beta.kubernetes.io/z="unconfined"")'] },
  { name: 'types from init, regular and ephemeral containers, sorted and once each', yaml: pod({ initContainers: [ctr('i', { appArmorProfile: { type: 'Unconfined' } })], containers: [ctr('r', { appArmorProfile: { type: 'Bogus' } })], ephemeralContainers: [ctr('e', { appArmorProfile: { type: 'Unconfined' } })] }), want: ['forbidden AppArmor profiles (containers "i", "r", "e" must not set AppArmor profile type to "Bogus", "Unconfined")'] },
  { name: 'pod level alone', yaml: pod({ securityContext: { appArmorProfile: { type: 'Unconfined' } } }), want: ['forbidden AppArmor profile (pod must not set AppArmor profile type to "Unconfined")'] },
  { name: 'restricted runs it too', level: 'restricted', yaml: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, containers: [good('a', { securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, appArmorProfile: { type: 'Unconfined' } } })] }), want: ['forbidden AppArmor profile (container "a" must not set AppArmor profile type to "Unconfined")'] },
];

for (const c of cases) {
  test(`pss-apparmor: ${c.name}`, () => assert.deepEqual(messages('pss-apparmor', c.yaml, c.version, c.level), c.want));
}
