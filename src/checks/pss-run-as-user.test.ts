// Table test for pss-run-as-user, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.22: not a check yet', version: '1.22', level: 'restricted', yaml: pod({ securityContext: { runAsUser: 0 } }), want: [] },
  { name: 'v1.23: pod and container 0 fail; unset passes', version: '1.23', level: 'restricted', yaml: pod({ securityContext: { runAsUser: 0 }, containers: [ctr('a', { runAsUser: 0 }), ctr('b'), ctr('d', { runAsUser: 1000 })] }), want: ['runAsUser=0 (pod and container "a" must not set runAsUser=0)'] },
  { name: 'v1.34: hostUsers false not exempt yet', version: '1.34', level: 'restricted', yaml: pod({ hostUsers: false, containers: [ctr('a', { runAsUser: 0 })] }), want: ['runAsUser=0 (container "a" must not set runAsUser=0)'] },
  { name: 'v1.35: hostUsers false exempts', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: false, containers: [ctr('a', { runAsUser: 0 })] }), want: [] },
  { name: 'pod 0 fails even when every container sets a non-zero user', level: 'restricted', yaml: pod({ securityContext: { runAsUser: 0 }, containers: [ctr('a', { runAsUser: 1000 })] }), want: ['runAsUser=0 (pod must not set runAsUser=0)'] },
  { name: 'containers of every class, in visiting order', level: 'restricted', yaml: pod({ containers: [ctr('r', { runAsUser: 0 })], initContainers: [ctr('i', { runAsUser: 0 })], ephemeralContainers: [ctr('e', { runAsUser: 0 })] }), want: ['runAsUser=0 (containers "i", "r", "e" must not set runAsUser=0)'] },
  { name: 'v1.35: hostUsers true is not an exemption', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: true, securityContext: { runAsUser: 0 } }), want: ['runAsUser=0 (pod must not set runAsUser=0)'] },
  { name: 'Windows pods are not exempt', level: 'restricted', yaml: pod({ os: { name: 'windows' }, securityContext: { runAsUser: 0 } }), want: ['runAsUser=0 (pod must not set runAsUser=0)'] },
  { name: 'not part of baseline', level: 'baseline', yaml: pod({ securityContext: { runAsUser: 0 } }), want: [] },
];

for (const c of cases) {
  test(`pss-run-as-user: ${c.name}`, () => assert.deepEqual(messages('pss-run-as-user', c.yaml, c.version, c.level), c.want));
}
