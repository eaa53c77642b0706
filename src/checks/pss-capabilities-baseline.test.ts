// Table test for pss-capabilities-baseline, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'default capabilities pass; drop is ignored', version: '1.0', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE', 'SETPCAP'], drop: ['NET_RAW'] } })] }), want: [] },
  { name: 'non-default capabilities, sorted; no CAP_ normalisation', version: '1.0', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['SYS_ADMIN', 'CAP_CHOWN'] } }), ctr('b', { capabilities: { add: ['NET_RAW'] } })] }), want: ['non-default capabilities (containers "a", "b" must not include "CAP_CHOWN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)'] },
  { name: 'restricted v1.21 still runs the baseline variant', version: '1.21', level: 'restricted', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }), want: ['non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)'] },
  { name: 'restricted v1.22: replaced by capabilities_restricted', version: '1.22', level: 'restricted', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }), want: [] },
  { name: 'baseline v1.22 keeps it', version: '1.22', level: 'baseline', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['NET_RAW'] } })] }), want: ['non-default capabilities (container "a" must not include "NET_RAW" in securityContext.capabilities.add)'] },
  { name: 'all 13 default capabilities pass', version: '1.0', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT'] } })] }), want: [] },
  { name: 'names are case-sensitive ("chown" is not CHOWN)', yaml: pod({ containers: [ctr('a', { capabilities: { add: ['chown'] } })] }), want: ['non-default capabilities (container "a" must not include "chown" in securityContext.capabilities.add)'] },
  { name: 'init, regular and ephemeral in visiting order; each capability once', yaml: pod({ initContainers: [ctr('i', { capabilities: { add: ['NET_RAW'] } })], containers: [ctr('r', { capabilities: { add: ['NET_RAW', 'NET_ADMIN'] } })], ephemeralContainers: [ctr('e', { capabilities: { add: ['SYS_ADMIN'] } })] }), want: ['non-default capabilities (containers "i", "r", "e" must not include "NET_ADMIN", "NET_RAW", "SYS_ADMIN" in securityContext.capabilities.add)'] },
];

for (const c of cases) {
  test(`pss-capabilities-baseline: ${c.name}`, () => assert.deepEqual(messages('pss-capabilities-baseline', c.yaml, c.version, c.level), c.want));
}
