// Table test for pss-allow-privilege-escalation, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.7: not a check yet', version: '1.7', level: 'restricted', yaml: pod({}), want: [] },
  { name: 'v1.8: unset and true fail, false passes', version: '1.8', level: 'restricted', yaml: pod({ containers: [ctr('a'), ctr('b', { allowPrivilegeEscalation: true }), ctr('c', { allowPrivilegeEscalation: false })] }), want: ['allowPrivilegeEscalation != false (containers "a", "b" must set securityContext.allowPrivilegeEscalation=false)'] },
  { name: 'pod level cannot satisfy it', level: 'restricted', yaml: pod({ securityContext: { allowPrivilegeEscalation: false }, containers: [ctr('x')] }), want: ['allowPrivilegeEscalation != false (container "x" must set securityContext.allowPrivilegeEscalation=false)'] },
  { name: 'v1.24: Windows pods are not exempt yet', version: '1.24', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: ['allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)'] },
  { name: 'v1.25: os.name windows exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: [] },
  { name: 'not part of baseline', level: 'baseline', yaml: pod({}), want: [] },
  { name: 'init, regular and ephemeral in visiting order', level: 'restricted', yaml: pod({ containers: [ctr('r')], initContainers: [ctr('i')], ephemeralContainers: [ctr('e', { allowPrivilegeEscalation: true })] }), want: ['allowPrivilegeEscalation != false (containers "i", "r", "e" must set securityContext.allowPrivilegeEscalation=false)'] },
  { name: 'v1.25: os.name linux is not exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'linux' } }), want: ['allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)'] },
  { name: 'Windows is known by spec.os.name only, not by nodeSelector', version: '1.25', level: 'restricted', yaml: pod({ nodeSelector: { 'kubernetes.io/os': 'windows' } }), want: ['allowPrivilegeEscalation != false (container "c" must set securityContext.allowPrivilegeEscalation=false)'] },
];

for (const c of cases) {
  test(`pss-allow-privilege-escalation: ${c.name}`, () => assert.deepEqual(messages('pss-allow-privilege-escalation', c.yaml, c.version, c.level), c.want));
}
