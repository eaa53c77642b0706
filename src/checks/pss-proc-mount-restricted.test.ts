// Table test for pss-proc-mount-restricted, written from the PSS spec: pass and fail at each version where the behaviour changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ctr, messages, pod, type Case } from '../../test/support/pss.js';

const cases: Case[] = [
  { name: 'v1.34: not a check yet', version: '1.34', level: 'restricted', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }), want: [] },
  { name: 'v1.35: fails even with hostUsers false', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
  { name: 'v1.35: Default passes', version: '1.35', level: 'restricted', yaml: pod({ hostUsers: false, containers: [ctr('a', { procMount: 'Default' })] }), want: [] },
  { name: 'not part of baseline', version: '1.35', level: 'baseline', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: [] },
  { name: 'latest: same message as the baseline check', level: 'restricted', yaml: pod({ containers: [ctr('a', { procMount: 'Unmasked' })] }), want: ['procMount (container "a" must not set securityContext.procMount to "Unmasked")'] },
];

for (const c of cases) {
  test(`pss-proc-mount-restricted: ${c.name}`, () => assert.deepEqual(messages('pss-proc-mount-restricted', c.yaml, c.version, c.level), c.want));
}
