// Rule tests for host-network-or-port: Azure's host-network-ports v3 template, with hostPort defaulting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './host-network-or-port.js';

const ID = 'host-network-or-port';

function pod(spec: string, containers: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers:\n${containers}`;
}
const HN = '  hostNetwork: true\n';

ruleTester(check, {
  valid: [
    { name: 'hostNetwork: false and unset pass', yaml: pod('  hostNetwork: false\n', '  - {name: a, image: x, ports: [{containerPort: 80}]}\n') },
    { name: 'hostPort: 0 is within [0,0]', yaml: pod('', '  - {name: a, image: x, ports: [{containerPort: 80, hostPort: 0}]}\n') },
    { name: 'ports without hostPort are ignored (no hostNetwork)', yaml: pod('', '  - {name: a, image: x, ports: [{containerPort: 9001}]}\n') },
    { name: 'range bounds are inclusive', yaml: pod('', '  - {name: a, image: x, ports: [{containerPort: 1, hostPort: 8000}, {containerPort: 2, hostPort: 8999}]}\n'), params: { minPort: 8000, maxPort: 8999 } },
    {
      name: 'allowHostNetwork with a range covering the defaulted port passes',
      yaml: pod(HN, '  - {name: a, image: x, ports: [{containerPort: 9001}]}\n'),
      params: { allowHostNetwork: true, minPort: 9000, maxPort: 9100 },
    },
    { name: 'every container excluded: a hostNetwork pod passes', yaml: pod(HN, '  - {name: a, image: x}\n  - {name: b, image: reg.io/t}\n'), params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] } },
    { name: 'Windows pods are skipped', yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n${HN}`, '  - {name: a, image: x}\n') },
  ],
  invalid: [
    {
      name: 'hostNetwork: one finding per container, at spec.hostNetwork',
      yaml: pod(HN, '  - {name: a, image: x}\n  - {name: b, image: x}\n'),
      errors: [
        { path: 'spec.hostNetwork', container: 'a', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: a. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' },
        { path: 'spec.hostNetwork', container: 'b', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: b. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' },
      ],
      output: null,
    },
    {
      name: 'non-zero hostPort is out of [0,0]',
      yaml: pod('', '  - {name: a, image: x, ports: [{containerPort: 80}, {containerPort: 9001, hostPort: 9001}]}\n'),
      errors: [{ path: 'spec.containers[0].ports[1].hostPort', container: 'a', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: a. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' }],
      output: null,
    },
    {
      name: 'hostPort inside a configured range passes; outside fails',
      yaml: pod('', '  - {name: a, image: x, ports: [{containerPort: 1, hostPort: 8080}]}\n  - {name: b, image: x, ports: [{containerPort: 1, hostPort: 9090}]}\n'),
      params: { minPort: 8000, maxPort: 8999 },
      errors: [{ path: 'spec.containers[1].ports[0].hostPort', container: 'b', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: b. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 8999, "minPort": 8000}', change: 'leave-host-network' }],
      output: null,
    },
    {
      name: 'allowHostNetwork: hostNetwork passes, but hostPort defaults to containerPort and is out of range',
      yaml: pod(HN, '  - {name: a, image: x, ports: [{containerPort: 9001}]}\n  - {name: b, image: x}\n'),
      params: { allowHostNetwork: true },
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: a. Allowed values: {"allowHostNetwork": true, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}' }],
      output: null,
    },
    {
      name: 'under hostNetwork an explicit hostPort: 0 is defaulted too',
      yaml: pod(HN, '  - {name: a, image: x, ports: [{containerPort: 9001, hostPort: 0}]}\n'),
      params: { allowHostNetwork: true },
      errors: [{ path: 'spec.containers[0].ports[0].hostPort', container: 'a', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: a. Allowed values: {"allowHostNetwork": true, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}' }],
      output: null,
    },
    {
      name: 'hostNetwork and a bad port on one container: still one finding',
      yaml: pod(HN, '  - {name: redis, image: redis, ports: [{containerPort: 9001, hostPort: 9001}]}\n'),
      errors: [{ path: 'spec.hostNetwork', container: 'redis', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: redis. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' }],
      output: null,
    },
    {
      name: 'one container excluded: the others are still reported',
      yaml: pod(HN, '  - {name: a, image: x}\n  - {name: b, image: x}\n'),
      params: { excludedContainers: ['a'] },
      errors: [{ path: 'spec.hostNetwork', container: 'b', message: 'The specified hostNetwork and hostPort are not allowed, pod: p, container: b. Allowed values: {"allowHostNetwork": false, "excludedContainers": ["a"], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' }],
      output: null,
    },
    {
      name: 'init and ephemeral containers of a Deployment are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
      errors: [
        { path: 'spec.template.spec.hostNetwork', container: 'c', resource: 'Deployment/d', message: 'The specified hostNetwork and hostPort are not allowed, pod: d, container: c. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' },
        { path: 'spec.template.spec.hostNetwork', container: 'i', resource: 'Deployment/d', message: 'The specified hostNetwork and hostPort are not allowed, pod: d, container: i. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' },
        { path: 'spec.template.spec.hostNetwork', container: 'e', resource: 'Deployment/d', message: 'The specified hostNetwork and hostPort are not allowed, pod: d, container: e. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' },
      ],
      output: null,
    },
    {
      name: 'init container hostPort in a CronJob',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          initContainers:\n          - {name: i, image: x, ports: [{containerPort: 53, hostPort: 53}]}\n          containers:\n          - {name: c, image: x}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.initContainers[0].ports[0].hostPort', container: 'i', resource: 'CronJob/cj', message: 'The specified hostNetwork and hostPort are not allowed, pod: cj, container: i. Allowed values: {"allowHostNetwork": false, "excludedContainers": [], "excludedImages": [], "maxPort": 0, "minPort": 0}', change: 'leave-host-network' }],
      output: null,
    },
  ],
});

test(`${ID}: leaving the host network is a suggestion, never a safe fix`, async () => {
  const check = (await import('./host-network-or-port.js')).default;
  const { parseManifests } = await import('../source/load.js');
  const { podView } = await import('../k8s/workload.js');
  const view = podView(parseManifests('t.yaml', pod(HN, '  - {name: a, image: x, ports: [{containerPort: 9001, hostPort: 9001}, {containerPort: 80}]}\n')).objects[0]!.object, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: undefined as never }, check.params.parse({}));
  assert.equal(v.length, 1);
  assert.equal(v[0]!.fix, undefined);
  assert.deepEqual(v[0]!.suggestion?.ops, [
    { op: 'set', path: ['spec', 'hostNetwork'], value: false },
    { op: 'remove', path: ['spec', 'containers', 0, 'ports', 0, 'hostPort'] },
  ]);
});

test(`${ID}: Japanese message`, () => {
  const r = runCheck(ID, pod('', '  - {name: a, image: x, ports: [{containerPort: 1, hostPort: 2}]}\n'), { lang: 'ja' });
  assert.match(r.findings[0]!.message, /^指定された hostNetwork と hostPort は許可されていません。ポッド: p、コンテナー: a。/);
});

test(`${ID}: a non-integer minPort is a parameter error`, async () => {
  const check = (await import('./host-network-or-port.js')).default;
  assert.equal(check.params.safeParse({ minPort: '80' }).success, false);
  assert.equal(check.params.safeParse({ maxPort: 1.5 }).success, false);
});
