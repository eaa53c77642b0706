// Rule tests for sys-admin-capability: exact, case-sensitive matches of disallowedCapabilities in capabilities.add.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { checkById } from './index.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './sys-admin-capability.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const add = (...caps: string[]) => `{capabilities: {add: [${caps.join(', ')}]}}`;

ruleTester(check, {
  valid: [
    {
      name: 'not flagged: sys_admin, CAP_SYS_ADMIN, ALL, privileged, drop SYS_ADMIN',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('sys_admin')}}\n  - {name: b, image: x, securityContext: ${add('CAP_SYS_ADMIN')}}\n  - {name: c, image: x, securityContext: ${add('ALL')}}\n  - {name: d, image: x, securityContext: {privileged: true}}\n  - {name: e, image: x, securityContext: {capabilities: {drop: [SYS_ADMIN]}}}\n`),
    },
    {
      name: 'capabilities in the pod securityContext are no field Kubernetes reads: not flagged',
      yaml: pod(`  securityContext: ${add('SYS_ADMIN')}\n  containers:\n  - {name: a, image: x}\n`),
    },
    {
      name: 'an empty list disallows nothing',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('SYS_ADMIN')}}\n`),
      params: { disallowedCapabilities: [] },
    },
    {
      name: 'Windows pods are skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x, securityContext: ${add('SYS_ADMIN')}}\n`),
    },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN in add: the path is the entry',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('NET_ADMIN', 'SYS_ADMIN')}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[1]', container: 'a', message: 'container a has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' }],
      output: null,
    },
    {
      name: 'one finding per container even when the list matches twice',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('SYS_ADMIN', 'SYS_ADMIN')}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' }],
      output: null,
    },
    {
      name: 'a custom list: every entry is matched exactly',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('NET_RAW')}}\n  - {name: b, image: x, securityContext: ${add('net_raw')}}\n`),
      params: { disallowedCapabilities: ['NET_RAW', 'SYS_ADMIN'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Disallowed capabilities are ["NET_RAW", "SYS_ADMIN"]', change: 'remove-sys-admin' }],
      output: null,
    },
    {
      name: '"*" in the list: every container violates, adding or not',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: ${add('CHOWN')}}\n`),
      params: { disallowedCapabilities: ['*'] },
      errors: [
        { path: 'spec.containers[0].securityContext.capabilities.add', container: 'a', message: 'container a has a disallowed capability. Disallowed capabilities are ["*"]' },
        { path: 'spec.containers[1].securityContext.capabilities.add', container: 'b', message: 'container b has a disallowed capability. Disallowed capabilities are ["*"]' },
      ],
      output: null,
    },
    {
      name: 'Deployment: init and ephemeral containers are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, securityContext: ${add('SYS_ADMIN')}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: ${add('SYS_PTRACE', 'SYS_ADMIN')}}\n`,
      errors: [
        { path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]', container: 'i', resource: 'Deployment/d', message: 'container i has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' },
        { path: 'spec.template.spec.ephemeralContainers[0].securityContext.capabilities.add[1]', container: 'e', resource: 'Deployment/d', message: 'container e has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' },
      ],
      output: null,
    },
    {
      name: 'CronJob',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: ${add('SYS_ADMIN')}}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]', container: 'c', resource: 'CronJob/cj', message: 'container c has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('SYS_ADMIN')}}\n  - {name: b, image: reg.io/t:1, securityContext: ${add('SYS_ADMIN')}}\n  - {name: c, image: z, securityContext: ${add('SYS_ADMIN')}}\n`),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/t:1'] },
      errors: [{ path: 'spec.containers[2].securityContext.capabilities.add[0]', container: 'c', message: 'container c has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]', change: 'remove-sys-admin' }],
      output: null,
    },
  ],
});

test('sys-admin-capability: default parameter and Azure\'s message', () => {
  assert.deepEqual(checkById('sys-admin-capability')!.params.parse({}), { disallowedCapabilities: ['SYS_ADMIN'], excludedContainers: [], excludedImages: [] });
  const r = runCheck('sys-admin-capability', pod(`  containers:\n  - {name: a, image: x, securityContext: ${add('SYS_ADMIN')}}\n`));
  assert.equal(r.findings[0]?.message, 'container a has a disallowed capability. Disallowed capabilities are ["SYS_ADMIN"]');
});

test('sys-admin-capability: removing the capability is a suggestion (highest index first), never a safe fix', () => {
  const check = checkById('sys-admin-capability')!;
  if (check.target !== 'pod') throw new Error('pod check expected');
  const sc = { capabilities: { add: ['SYS_ADMIN', 'NET_ADMIN', 'SYS_ADMIN'] } };
  const c = { name: 'a', image: 'x', cls: 'containers' as const, index: 0, path: ['spec', 'containers', 0], spec: { name: 'a', securityContext: sc }, sc };
  const pod = { object: {}, kind: 'Pod', apiVersion: 'v1', name: 'p', namespace: 'default', templatePath: [], specPath: ['spec'], spec: {}, meta: {}, podSc: undefined, containers: [c] };
  const [v] = check.check({ pod, containers: [c], inventory: { serviceAccount: () => undefined, namespace: () => undefined, networkPolicies: () => [] } }, check.params.parse({}));
  assert.equal(v?.fix, undefined);
  assert.deepEqual(v?.suggestion?.ops, [
    { op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 2] },
    { op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add', 0] },
  ]);
});
