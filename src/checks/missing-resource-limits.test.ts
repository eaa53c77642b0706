// Rule tests for missing-resource-limits: Azure's limits template over canonical Kubernetes quantities.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { canonicalQuantity } from '../k8s/quantity.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './missing-resource-limits.js';

const ID = 'missing-resource-limits';

/** A Pod with one container whose resources block is given as flow YAML. */
function pod(resources: string | undefined): string {
  return `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n${resources === undefined ? '' : `    resources: ${resources}\n`}`;
}

ruleTester(check, {
  valid: [
    { name: 'cpu "32" equals the max "32" → pass', yaml: pod('{limits: {cpu: "32", memory: 64Gi}}') },
    { name: 'cpu 0.5 as a number is 500m → pass', yaml: pod('{limits: {cpu: 0.5, memory: 1Gi}}') },
    { name: 'memory "64Gi" equals the max → pass', yaml: pod('{limits: {cpu: "1", memory: 64Gi}}') },
    { name: 'memory "68719476736" is exactly 64Gi → pass', yaml: pod('{limits: {cpu: "1", memory: "68719476736"}}') },
    { name: 'exact comparison: 1000M < 1Gi', yaml: pod('{limits: {cpu: "1", memory: 1000M}}'), params: { memoryLimit: '1Gi' } },
    { name: 'memory "1.5Gi" is stored as 1536Mi → pass', yaml: pod('{limits: {cpu: "1", memory: 1.5Gi}}') },
    { name: 'leading and trailing spaces are trimmed by the API server (Quantity.UnmarshalJSON) → pass', yaml: pod('{limits: {cpu: " 2 ", memory: "1Gi "}}') },
    { name: 'memory "64Gi" equals the max written as "68719476736"', yaml: pod('{limits: {cpu: "1", memory: 64Gi}}'), params: { memoryLimit: '68719476736' } },
    { name: 'cpu "0.5" string is 500m → pass', yaml: pod('{limits: {cpu: "0.5", memory: 1Gi}}') },
    { name: 'cpu ".5" is stored as 500m → pass', yaml: pod('{limits: {cpu: ".5", memory: 1Gi}}') },
    { name: 'cpu "+1" is stored as 1 → pass', yaml: pod('{limits: {cpu: "+1", memory: 1Gi}}') },
    { name: 'unparseable cpuLimit parameter: maximum not enforced', yaml: pod('{limits: {cpu: "64", memory: 1Gi}}'), params: { cpuLimit: 'lots' } },
  ],
  invalid: [
    {
      name: 'no resources at all',
      yaml: pod(undefined),
      errors: [{ path: 'spec.containers[0].resources.limits', container: 'a', message: 'container <a> has no resource limits', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'requests only, no limits object',
      yaml: pod('{requests: {cpu: 100m, memory: 1Mi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits', container: 'a', message: 'container <a> has no resource limits', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'empty limits {} yields both missing-limit findings',
      yaml: pod('{limits: {}}'),
      errors: [
        { path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> has no cpu limit', change: 'set-limits' },
        { path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> has no memory limit', change: 'set-limits' },
      ],
      output: null,
    },
    {
      name: 'limits with cpu only → no memory limit',
      yaml: pod('{limits: {cpu: "1"}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> has no memory limit', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'empty-string cpu counts as missing',
      yaml: pod('{limits: {cpu: "", memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> has no cpu limit', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'cpu "32001m" is above 32 cores',
      yaml: pod('{limits: {cpu: 32001m, memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <32001m> is higher than the maximum allowed of <32>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'cpu 33 as a YAML number',
      yaml: pod('{limits: {cpu: 33, memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <33> is higher than the maximum allowed of <32>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'memory "65Gi" is above 64Gi',
      yaml: pod('{limits: {cpu: "1", memory: 65Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <65Gi> is higher than the maximum allowed of <64Gi>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'memory "68719476737" is one byte above 64Gi',
      yaml: pod('{limits: {cpu: "1", memory: "68719476737"}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <68719476737> is higher than the maximum allowed of <64Gi>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'exact comparison: 1Gi > 1G with memoryLimit 1G',
      yaml: pod('{limits: {cpu: "1", memory: 1Gi}}'),
      params: { memoryLimit: '1G' },
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1Gi> is higher than the maximum allowed of <1G>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'exact comparison: 250Mi > 256M',
      yaml: pod('{limits: {cpu: "1", memory: 250Mi}}'),
      params: { memoryLimit: '256M' },
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <250Mi> is higher than the maximum allowed of <256M>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'memory "1e3" stays 1e3 in canonical form and Azure cannot parse it',
      yaml: pod('{limits: {cpu: "1", memory: "1e3"}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1e3> could not be parsed' }],
      output: null,
    },
    {
      name: 'memory "1E3" is stored as 1e3: unparseable, message says so',
      yaml: pod('{limits: {cpu: "1", memory: "1E3"}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1e3> could not be parsed (written as 1E3; Kubernetes stores it as 1e3)' }],
      output: null,
    },
    {
      name: 'memory "1KB" is no quantity at all',
      yaml: pod('{limits: {cpu: "1", memory: 1KB}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1KB> could not be parsed (not a valid Kubernetes quantity either)' }],
      output: null,
    },
    {
      name: 'memory "1K" (upper-case K) is unparseable',
      yaml: pod('{limits: {cpu: "1", memory: 1K}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1K> could not be parsed (not a valid Kubernetes quantity either)' }],
      output: null,
    },
    {
      name: 'memory "1Mi" with a space is unparseable',
      yaml: pod('{limits: {cpu: "1", memory: "1 Mi"}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <1 Mi> could not be parsed (not a valid Kubernetes quantity either)' }],
      output: null,
    },
    {
      name: 'a trimmed value is still judged: " 33" is above 32 cores',
      yaml: pod('{limits: {cpu: " 33", memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <33> is higher than the maximum allowed of <32> (written as  33; Kubernetes stores it as 33)', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'a limit of only spaces is no quantity',
      yaml: pod('{limits: {cpu: "  ", memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <  > could not be parsed (not a valid Kubernetes quantity either)' }],
      output: null,
    },
    {
      name: 'memory as a YAML number (bytes)',
      yaml: pod('{limits: {cpu: "1", memory: 68719476737}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <68719476737> is higher than the maximum allowed of <64Gi>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'cpu "32.001" is above 32 cores',
      yaml: pod('{limits: {cpu: "32.001", memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <32001m> is higher than the maximum allowed of <32> (written as 32.001; Kubernetes stores it as 32001m)', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'cpu "1.5m" is stored as 1500u, which Azure cannot parse',
      yaml: pod('{limits: {cpu: 1.5m, memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <1500u> could not be parsed (written as 1.5m; Kubernetes stores it as 1500u)' }],
      output: null,
    },
    {
      name: 'cpu 1000 cores is stored as 1k: unparseable',
      yaml: pod('{limits: {cpu: 1000, memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <1k> could not be parsed (written as 1000; Kubernetes stores it as 1k)' }],
      output: null,
    },
    {
      name: 'cpu "1k" and "100u" are unparseable',
      yaml: pod('{limits: {cpu: 1k, memory: 1Gi}}'),
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <1k> could not be parsed' }],
      output: null,
    },
    {
      name: 'cpu and memory both over the max: two findings',
      yaml: pod('{limits: {cpu: "64", memory: 128Gi}}'),
      errors: [
        { path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <64> is higher than the maximum allowed of <32>', change: 'lower-limit' },
        { path: 'spec.containers[0].resources.limits.memory', container: 'a', message: 'container <a> memory limit <128Gi> is higher than the maximum allowed of <64Gi>', change: 'lower-limit' },
      ],
      output: null,
    },
    {
      name: 'custom maximum 500m',
      yaml: pod('{limits: {cpu: 501m, memory: 1Gi}}'),
      params: { cpuLimit: '500m' },
      errors: [{ path: 'spec.containers[0].resources.limits.cpu', container: 'a', message: 'container <a> cpu limit <501m> is higher than the maximum allowed of <500m>', change: 'lower-limit' }],
      output: null,
    },
    {
      name: 'ephemeral container without limits passes; init container without limits fails (Deployment)',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, resources: {limits: {cpu: 100m, memory: 250Mi}}}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
      errors: [{ path: 'spec.template.spec.initContainers[0].resources.limits', container: 'i', resource: 'Deployment/d', message: 'container <i> has no resource limits', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, resources: {limits: {memory: 1Gi}}}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.limits.cpu', container: 'c', resource: 'CronJob/cj', message: 'container <c> has no cpu limit', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: reg.io/tool:1}\n  - {name: c, image: z}\n`,
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.containers[2].resources.limits', container: 'c', message: 'container <c> has no resource limits', change: 'set-limits' }],
      output: null,
    },
    {
      name: 'Windows pods are still checked (no Windows skip)',
      yaml: `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x}\n`,
      errors: [{ path: 'spec.containers[0].resources.limits', container: 'a', message: 'container <a> has no resource limits', change: 'set-limits' }],
      output: null,
    },
  ],
});

test(`${ID}: the missing-limits suggestion offers the requests, else the maximum, and is not a safe fix`, async () => {
  const check = (await import('./missing-resource-limits.js')).default;
  const { parseManifests } = await import('../source/load.js');
  const { podView } = await import('../k8s/workload.js');
  const o = parseManifests('t.yaml', pod('{requests: {cpu: 250m}}')).objects[0]!.object;
  const view = podView(o, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: undefined as never }, check.params.parse({}));
  assert.equal(v.length, 1);
  assert.equal(v[0]!.fix, undefined);
  assert.deepEqual(v[0]!.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 0, 'resources', 'limits'], value: { cpu: '250m', memory: '64Gi' } }]);
});

test(`${ID}: Japanese messages (a space only between Latin and Japanese text)`, () => {
  const ja = (yaml: string) => runCheck(ID, yaml, { lang: 'ja' }).findings.map((f) => f.message);
  assert.deepEqual(ja(pod('{limits: {cpu: "64"}}')), [
    'コンテナー <a> の CPU 制限 <64> が許可された上限 <32> を超えています',
    'コンテナー <a> にメモリの制限がありません',
  ]);
  assert.deepEqual(ja(pod('{limits: {memory: 65Gi}}')), [
    'コンテナー <a> に CPU の制限がありません',
    'コンテナー <a> のメモリ制限 <65Gi> が許可された上限 <64Gi> を超えています',
  ]);
  assert.deepEqual(ja(pod('{limits: {cpu: "1", memory: 1KB}}')), ['コンテナー <a> のメモリ制限 <1KB> を解析できません（Kubernetes の数量としても無効）']);
  assert.deepEqual(runCheck(ID, pod('{limits: {cpu: "1", memory: 65Gi}}'), { lang: 'ja' }).findings[0]?.suggestion?.text, 'メモリの制限を許可された上限（64Gi）まで下げる。');
});

test(`${ID}: a missing limits block points at the container's line`, () => {
  const r = runCheck(ID, pod(undefined));
  assert.equal(r.findings[0]?.location?.line, 6);
});

test(`${ID}: a boolean limit is an input error, as the API server says`, () => {
  const r = runCheck(ID, pod('{limits: {cpu: true, memory: 1Gi}}'));
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});

test(`${ID}: Kubernetes canonical form of quantities`, () => {
  const table: [string | number, string | undefined][] = [
    ['0.5', '500m'], [0.5, '500m'], ['1.5Gi', '1536Mi'], ['1024Mi', '1Gi'], ['1000M', '1G'], ['1000', '1k'], [1000, '1k'],
    ['1500', '1500'], ['1.5m', '1500u'], ['1e3', '1e3'], ['1E3', '1e3'], ['12e2', '1200'], ['80e-3', '80e-3'],
    ['.001Ki', '1024m'], ['.000000000001Ki', '2n'], ['100.035Ki', '102435840m'], ['0.5Mi', '512Ki'], ['0.5Ki', '512'],
    ['1025Ki', '1025Ki'], ['1.', '1'], ['1.G', '1G'], ['3.001n', '4n'], ['+1', '1'], ['0', '0'], ['0.0', '0'],
    ['9Ei', '9223372036854775807'], ['1e999999', '9223372036854775807'],
    ['1KB', undefined], [' 1', undefined], ['1 ', undefined], ['0.1mi', undefined], ['1i', undefined], ['', undefined],
  ];
  for (const [input, want] of table) assert.equal(canonicalQuantity(input), want, `canonical(${JSON.stringify(input)})`);
});
