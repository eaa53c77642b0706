// Table test for pss-capabilities-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, good, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.21: not a check yet', version: '1.21', level: 'restricted', yaml: pod({}), want: [] },
  { name: 'v1.22: missing drop ALL', version: '1.22', level: 'restricted', yaml: pod({ containers: [ctr('a'), ctr('b', { capabilities: { drop: ['all'] } }), ctr('c', { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] }), want: ['unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"])'] },
  { name: 'v1.22: both parts', version: '1.22', level: 'restricted', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['SYS_ADMIN', 'CHOWN'] } })] }), want: ['unrestricted capabilities (container "a" must set securityContext.capabilities.drop=["ALL"]; container "a" must not include "CHOWN", "SYS_ADMIN" in securityContext.capabilities.add)'] },
  { name: 'v1.24: Windows pods are not exempt yet', version: '1.24', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: ['unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"])'] },
  { name: 'v1.25: os.name windows exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'windows' } }), want: [] },
  { name: 'drop ALL with only a forbidden add: only the add part', yaml: pod({ containers: [ctr('a', { capabilities: { drop: ['ALL'], add: ['SYS_ADMIN', 'NET_BIND_SERVICE'] } })] }), want: ['unrestricted capabilities (container "a" must not include "SYS_ADMIN" in securityContext.capabilities.add)'] },
  { name: 'CAP_ALL does not count; an empty capabilities block fails', yaml: pod({ containers: [ctr('a', { capabilities: { drop: ['CAP_ALL'] } }), ctr('b', { capabilities: {} })] }), want: ['unrestricted capabilities (containers "a", "b" must set securityContext.capabilities.drop=["ALL"])'] },
  { name: 'init and ephemeral containers too, in visiting order', yaml: pod({ initContainers: [ctr('i')], containers: [good('r')], ephemeralContainers: [ctr('e', { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } })] }), want: ['unrestricted capabilities (container "i" must set securityContext.capabilities.drop=["ALL"]; container "e" must not include "NET_RAW" in securityContext.capabilities.add)'] },
  { name: 'v1.25: os.name linux is not exempt', version: '1.25', level: 'restricted', yaml: pod({ os: { name: 'linux' } }), want: ['unrestricted capabilities (container "c" must set securityContext.capabilities.drop=["ALL"])'] },
  { name: 'not part of baseline', level: 'baseline', yaml: pod({}), want: [] },
];

for (const c of cases) {
  test(`pss-capabilities-restricted: ${c.name}`, () => assert.deepEqual(messages('pss-capabilities-restricted', c.yaml, c.version, c.level), c.want));
}
