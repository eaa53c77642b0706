// Table test for pss-selinux, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'allowed types and level pass', version: '1.0', yaml: pod({ securityContext: { seLinuxOptions: { type: 'container_t', level: 's0:c1' } }, containers: [ctr('a', { seLinuxOptions: { type: 'container_kvm_t' } })] }), want: [] },
  { name: 'v1.30: container_engine_t is not allowed yet', version: '1.30', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }), want: ['seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: type "container_engine_t")'] },
  { name: 'v1.31: container_engine_t allowed', version: '1.31', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_engine_t' } })] }), want: [] },
  { name: 'pod and container, types, user and role', yaml: pod({ securityContext: { seLinuxOptions: { type: 'spc_t', user: 'u' } }, containers: [ctr('a', { seLinuxOptions: { role: 'r', type: 'other_t' } })] }), want: ['seLinuxOptions (pod and container "a" set forbidden securityContext.seLinuxOptions: types "other_t", "spc_t"; user may not be set; role may not be set)'] },
  { name: 'v1.0: container_init_t, empty type and level-only pass', version: '1.0', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { type: 'container_init_t' } }), ctr('b', { seLinuxOptions: { level: 's0' } })] }), want: [] },
  { name: 'user alone (no type list in the detail)', version: '1.0', yaml: pod({ containers: [ctr('a', { seLinuxOptions: { user: 'system_u' } })] }), want: ['seLinuxOptions (container "a" set forbidden securityContext.seLinuxOptions: user may not be set)'] },
  { name: 'several containers incl. init and ephemeral, in visiting order', yaml: pod({ initContainers: [ctr('i', { seLinuxOptions: { role: 'r' } })], containers: [ctr('r', { seLinuxOptions: { type: 'spc_t' } })], ephemeralContainers: [ctr('e', { seLinuxOptions: { type: 'spc_t' } })] }), want: ['seLinuxOptions (containers "i", "r", "e" set forbidden securityContext.seLinuxOptions: type "spc_t"; role may not be set)'] },
];

for (const c of cases) {
  test(`pss-selinux: ${c.name}`, () => assert.deepEqual(messages('pss-selinux', c.yaml, c.version, c.level), c.want));
}
