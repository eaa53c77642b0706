// Table test for pss-run-as-non-root, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'pod true covers containers that leave it unset', version: '1.0', level: 'restricted', yaml: pod({ securityContext: { runAsNonRoot: true } }), want: [] },
  { name: 'missing', version: '1.0', level: 'restricted', yaml: pod({ containers: [ctr('a'), ctr('b', { runAsNonRoot: true })] }), want: ['runAsNonRoot != true (pod or container "a" must set securityContext.runAsNonRoot=true)'] },
  { name: 'pod false fails even when every container sets true', level: 'restricted', yaml: pod({ securityContext: { runAsNonRoot: false }, containers: [ctr('a', { runAsNonRoot: true })] }), want: ['runAsNonRoot != true (pod must not set securityContext.runAsNonRoot=false)'] },
  { name: 'explicit false wins over missing in the message', level: 'restricted', yaml: pod({ containers: [ctr('a', { runAsNonRoot: false }), ctr('b')] }), want: ['runAsNonRoot != true (container "a" must not set securityContext.runAsNonRoot=false)'] },
  { name: 'v1.34: hostUsers false is not an exemption yet', version: '1.34', level: 'restricted', yaml: pod({ hostUsers: false }), want: ['runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)'] },
  { name: 'v1.35: hostUsers false exempts', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: false }), want: [] },
  { name: 'Windows pods are not exempt', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: ['runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)'] },
  { name: 'pod false and container false', level: 'restricted', yaml: pod({ securityContext: { runAsNonRoot: false }, containers: [ctr('a', { runAsNonRoot: false }), ctr('b')] }), want: ['runAsNonRoot != true (pod and container "a" must not set securityContext.runAsNonRoot=false)'] },
  { name: 'every container true without a pod value passes', level: 'restricted', yaml: pod({ containers: [ctr('a', { runAsNonRoot: true })], initContainers: [ctr('i', { runAsNonRoot: true })] }), want: [] },
  { name: 'missing: init, regular and ephemeral in visiting order', level: 'restricted', yaml: pod({ containers: [ctr('r')], initContainers: [ctr('i')], ephemeralContainers: [ctr('e')] }), want: ['runAsNonRoot != true (pod or containers "i", "r", "e" must set securityContext.runAsNonRoot=true)'] },
  { name: 'v1.35: hostUsers true is not an exemption', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: true }), want: ['runAsNonRoot != true (pod or container "c" must set securityContext.runAsNonRoot=true)'] },
  { name: 'v1.35: hostUsers false exempts even an explicit false', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: false, securityContext: { runAsNonRoot: false } }), want: [] },
  { name: 'not part of baseline', level: 'baseline', yaml: pod({}), want: [] },
];

for (const c of cases) {
  test(`pss-run-as-non-root: ${c.name}`, () => assert.deepEqual(messages('pss-run-as-non-root', c.yaml, c.version, c.level), c.want));
}
