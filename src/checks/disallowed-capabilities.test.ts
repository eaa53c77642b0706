// Rule tests for disallowed-capabilities: Azure's allowed-capabilities template (add allow-list, required drops).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './disallowed-capabilities.js';

const ID = 'disallowed-capabilities';

function pod(caps: string | undefined, extra = ''): string {
  const sc = caps === undefined ? '' : `, securityContext: {capabilities: ${caps}}`;
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${extra}  containers:\n  - {name: a, image: x${sc}}\n`;
}

ruleTester(check, {
  valid: [
    { name: 'Defender default: no capabilities at all passes', yaml: pod(undefined) },
    { name: 'Defender default: dropping is never required', yaml: pod('{drop: [NET_RAW]}') },
    { name: 'allowed list matches case-insensitively', yaml: pod('{add: [net_bind_service]}'), params: { allowedCapabilities: ['NET_BIND_SERVICE'] } },
    { name: '"*" in the allowed list allows anything', yaml: pod('{add: [SYS_ADMIN, ALL]}'), params: { allowedCapabilities: ['*'] } },
    { name: 'ALL in add is allowed when the list has "all"', yaml: pod('{add: [ALL]}'), params: { allowedCapabilities: ['all'] } },
    { name: 'required drop satisfied case-insensitively', yaml: pod('{drop: [net_raw, chown]}'), params: { requiredDropCapabilities: ['NET_RAW', 'CHOWN'] } },
    { name: 'required drop satisfied by ALL (any case)', yaml: pod('{drop: [all]}'), params: { requiredDropCapabilities: ['NET_RAW', 'SYS_ADMIN'] } },
    { name: 'Windows pods are skipped', yaml: pod('{add: [NET_ADMIN]}', '  nodeSelector: {kubernetes.io/os: windows}\n') },
  ],
  invalid: [
    {
      name: 'Defender default: any added capability is a finding, pointing at the first one',
      yaml: pod('{add: [NET_ADMIN]}'),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'no CAP_ normalisation: CAP_NET_ADMIN is not NET_ADMIN',
      yaml: pod('{add: [NET_BIND_SERVICE, CAP_NET_ADMIN]}'),
      params: { allowedCapabilities: ['NET_BIND_SERVICE', 'NET_ADMIN'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[1]', container: 'a', message: 'container a has a disallowed capability. Allowed capabilities are ["NET_BIND_SERVICE", "NET_ADMIN"]', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'ALL in add is just the name "all": not allowed by a list without it',
      yaml: pod('{add: [ALL]}'),
      params: { allowedCapabilities: ['SYS_ADMIN'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Allowed capabilities are ["SYS_ADMIN"]', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'missing required drop, no capabilities at all: finding at the drop field',
      yaml: pod(undefined),
      params: { requiredDropCapabilities: ['NET_RAW'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'container a is not dropping all required capabilities. Container must drop all of ["NET_RAW"] or "ALL"', change: 'drop-required-capabilities' }],
      output: null,
    },
    {
      name: 'one of two required drops missing',
      yaml: pod('{drop: [NET_RAW]}'),
      params: { requiredDropCapabilities: ['NET_RAW', 'SYS_ADMIN'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'container a is not dropping all required capabilities. Container must drop all of ["NET_RAW", "SYS_ADMIN"] or "ALL"', change: 'drop-required-capabilities' }],
      output: null,
    },
    {
      name: 'CAP_NET_RAW in drop does not satisfy NET_RAW',
      yaml: pod('{drop: [CAP_NET_RAW]}'),
      params: { requiredDropCapabilities: ['NET_RAW'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'container a is not dropping all required capabilities. Container must drop all of ["NET_RAW"] or "ALL"', change: 'drop-required-capabilities' }],
      output: null,
    },
    {
      name: 'both problems on one container: two findings',
      yaml: pod('{add: [SYS_ADMIN]}'),
      params: { requiredDropCapabilities: ['ALL'] },
      errors: [
        { path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' },
        { path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'container a is not dropping all required capabilities. Container must drop all of ["ALL"] or "ALL"', change: 'drop-required-capabilities' },
      ],
      output: null,
    },
    {
      name: 'dropping ALL does not excuse an added capability',
      yaml: pod('{add: [NET_ADMIN], drop: [ALL]}'),
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.add[0]', container: 'a', message: 'container a has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'init and ephemeral containers of a Deployment are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x, securityContext: {capabilities: {add: [NET_ADMIN]}}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {capabilities: {add: [SYS_PTRACE]}}}\n`,
      errors: [
        { path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]', container: 'i', resource: 'Deployment/d', message: 'container i has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' },
        { path: 'spec.template.spec.ephemeralContainers[0].securityContext.capabilities.add[0]', container: 'e', resource: 'Deployment/d', message: 'container e has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' },
      ],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {capabilities: {add: [NET_ADMIN]}}}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.capabilities.add[0]', container: 'c', resource: 'CronJob/cj', message: 'container c has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x, securityContext: {capabilities: {add: [NET_ADMIN]}}}\n  - {name: b, image: reg.io/t:1, securityContext: {capabilities: {add: [NET_ADMIN]}}}\n  - {name: c, image: z, securityContext: {capabilities: {add: [NET_ADMIN]}}}\n`,
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.containers[2].securityContext.capabilities.add[0]', container: 'c', message: 'container c has a disallowed capability. Allowed capabilities are []', change: 'stop-adding-capabilities' }],
      output: null,
    },
    {
      name: 'pod securityContext has no capabilities: only the container counts',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n`,
      params: { requiredDropCapabilities: ['ALL'] },
      errors: [{ path: 'spec.containers[0].securityContext.capabilities.drop', container: 'a', message: 'container a is not dropping all required capabilities. Container must drop all of ["ALL"] or "ALL"', change: 'drop-required-capabilities' }],
      output: null,
    },
  ],
});

test(`${ID}: remedies — removing an add and adding the missing drops are both suggestions (either can stop a program)`, async () => {
  const check = (await import('./disallowed-capabilities.js')).default;
  const { parseManifests } = await import('../source/load.js');
  const { podView } = await import('../k8s/workload.js');
  const view = podView(parseManifests('t.yaml', pod('{add: [NET_BIND_SERVICE, NET_ADMIN], drop: [net_raw]}')).objects[0]!.object, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: undefined as never }, check.params.parse({ allowedCapabilities: ['NET_BIND_SERVICE'], requiredDropCapabilities: ['NET_RAW', 'SYS_ADMIN'] }));
  assert.equal(v.length, 2);
  assert.equal(v[0]!.fix, undefined);
  assert.deepEqual(v[0]!.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add'], value: ['NET_BIND_SERVICE'] }]);
  assert.equal(v[1]!.fix, undefined);
  assert.deepEqual(v[1]!.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'drop'], value: ['net_raw', 'SYS_ADMIN'] }]);
  assert.deepEqual(v.map((x) => [x.change?.id, x.change?.risk]), [['stop-adding-capabilities', 'may-break'], ['drop-required-capabilities', 'may-break']]);
  const only = podView(parseManifests('t.yaml', pod('{add: [NET_ADMIN]}')).objects[0]!.object, 'default')!;
  const w = check.check({ pod: only, containers: only.containers, inventory: undefined as never }, check.params.parse({}));
  assert.deepEqual(w[0]!.suggestion?.ops, [{ op: 'remove', path: ['spec', 'containers', 0, 'securityContext', 'capabilities', 'add'] }]);
});

test(`${ID}: Japanese messages`, () => {
  const r = runCheck(ID, pod('{add: [NET_ADMIN]}'), { lang: 'ja', params: { requiredDropCapabilities: ['NET_RAW'] } });
  assert.deepEqual(r.findings.map((f) => f.message), [
    'コンテナー a に許可されていない機能があります。許可されている機能: []',
    'コンテナー a は必要な機能をすべて削除していません。["NET_RAW"] のすべて、または "ALL" を削除する必要があります',
  ]);
});

test(`${ID}: a capability that is not a string is an input error`, () => {
  const r = runCheck(ID, pod('{add: [{name: x}]}'));
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});
