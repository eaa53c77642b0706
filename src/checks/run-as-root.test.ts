// Table test for run-as-root: allowed-users-groups v3 under Defender's parameters (and the rules users may choose instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { findingsOf, runCheck } from '../../test/support/check-run.js';
import { checkById } from './index.js';
import { podView } from '../k8s/workload.js';
import { InventoryIndex } from '../engine/engine.js';
import type { Obj } from '../k8s/values.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const C0 = 'spec.containers[0].securityContext';
const C1 = 'spec.containers[1].securityContext';
const POD = 'spec.securityContext';
const from1 = { ranges: [{ min: 1, max: -1 }] };

const cases: { name: string; yaml: string; params?: Record<string, unknown>; want: string[] }[] = [
  {
    name: 'nothing set: runAsNonRoot/runAsUser missing and runAsGroup missing',
    yaml: pod(`  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a ${C0}.runAsNonRoot`, `Pod/p a ${C0}.runAsGroup`],
  },
  {
    name: 'only runAsNonRoot: true is still unhealthy (runAsGroup missing)',
    yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a ${C0}.runAsGroup`],
  },
  {
    name: 'runAsNonRoot: true with runAsUser: 0 is a violation (user 0)',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true, runAsUser: 0, runAsGroup: 1000}}\n`),
    want: [`Pod/p a ${C0}.runAsUser`],
  },
  {
    name: 'runAsUser: 1000 with runAsNonRoot: false passes',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: false, runAsUser: 1000, runAsGroup: 1000}}\n`),
    want: [],
  },
  {
    name: 'container runAsNonRoot: false overrides pod true: the path is the container value',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: false}}\n  - {name: b, image: x}\n`),
    want: [`Pod/p a ${C0}.runAsNonRoot`],
  },
  {
    name: 'pod runAsNonRoot: false is where the problem sits when the container says nothing',
    yaml: pod(`  securityContext: {runAsNonRoot: false, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a ${POD}.runAsNonRoot`],
  },
  {
    name: 'container runAsNonRoot: true overrides pod false',
    yaml: pod(`  securityContext: {runAsNonRoot: false, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n`),
    want: [],
  },
  {
    name: 'container runAsUser 0 overrides a non-zero pod value',
    yaml: pod(`  securityContext: {runAsUser: 1000, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n  - {name: b, image: x}\n`),
    want: [`Pod/p a ${C0}.runAsUser`],
  },
  {
    name: 'pod runAsUser 0 is reported for every container that inherits it',
    yaml: pod(`  securityContext: {runAsUser: 0, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {runAsUser: 1000}}\n  - {name: c, image: x}\n`),
    want: [`Pod/p a ${POD}.runAsUser`, `Pod/p c ${POD}.runAsUser`],
  },
  {
    name: 'the seed\'s security-context-demo (pod runAsUser 1000, runAsGroup 3000, fsGroup 2000) passes',
    yaml: pod(`  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000}\n  containers:\n  - {name: sec-ctx-demo, image: busybox:1.36, securityContext: {allowPrivilegeEscalation: false}}\n`),
    want: [],
  },
  {
    name: 'runAsGroup 0 (container over pod)',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsGroup: 0}}\n`),
    want: [`Pod/p a ${C0}.runAsGroup`],
  },
  {
    name: 'fsGroup 0 comes from the pod but is reported per container',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, fsGroup: 0}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x}\n`),
    want: [`Pod/p a ${POD}.fsGroup`, `Pod/p b ${POD}.fsGroup`],
  },
  {
    name: 'supplementalGroups: every element is checked; the path is the first bad one',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, supplementalGroups: [1000, 0, 2000]}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a ${POD}.supplementalGroups[1]`],
  },
  {
    name: 'supplementalGroups: [] counts as present and satisfies even MustRunAs',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, supplementalGroups: []}\n  containers:\n  - {name: a, image: x}\n`),
    params: { supplementalGroupsRule: 'MustRunAs' },
    want: [],
  },
  {
    name: 'MustRunAs for the pod-only fields: absence is reported per container',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n`),
    params: { supplementalGroupsRule: 'MustRunAs', fsGroupRule: 'MustRunAs' },
    want: [`Pod/p a ${POD}.supplementalGroups`, `Pod/p a ${POD}.fsGroup`],
  },
  {
    name: 'up to 4 violations per container',
    yaml: pod(`  securityContext: {fsGroup: 0, supplementalGroups: [0]}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0, runAsGroup: 0}}\n`),
    want: [`Pod/p a ${C0}.runAsUser`, `Pod/p a ${C0}.runAsGroup`, `Pod/p a ${POD}.supplementalGroups[0]`, `Pod/p a ${POD}.fsGroup`],
  },
  {
    name: 'runAsUserRule MustRunAs: absent, outside and inside the range',
    yaml: pod(`  securityContext: {runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n  - {name: b, image: x, securityContext: {runAsUser: 500}}\n  - {name: c, image: x, securityContext: {runAsUser: 2000}}\n`),
    params: { runAsUserRule: 'MustRunAs', runAsUserRanges: { ranges: [{ min: 1000, max: 2000 }] } },
    want: [`Pod/p a ${C0}.runAsUser`, `Pod/p b ${C1}.runAsUser`],
  },
  {
    name: 'MustRunAs with no ranges rejects every user, 0 included',
    yaml: pod(`  securityContext: {runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1000}}\n`),
    params: { runAsUserRule: 'MustRunAs' },
    want: [`Pod/p a ${C0}.runAsUser`],
  },
  {
    name: 'a bounded range includes both ends; max -1 means no upper bound',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1, runAsGroup: 1000}}\n  - {name: b, image: x, securityContext: {runAsUser: 1, runAsGroup: 1001}}\n  - {name: c, image: x, securityContext: {runAsUser: 1, runAsGroup: 1}}\n`),
    params: { runAsGroupRanges: { ranges: [{ min: 1, max: 1000 }] } },
    want: [`Pod/p b ${C1}.runAsGroup`],
  },
  {
    name: 'runAsGroupRule MayRunAs: absence passes, an out-of-range value does not',
    yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {runAsGroup: 0}}\n`),
    params: { runAsGroupRule: 'MayRunAs' },
    want: [`Pod/p b ${C1}.runAsGroup`],
  },
  {
    name: 'MayRunAs with empty ranges rejects every set value',
    yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, fsGroup: 2000}\n  containers:\n  - {name: a, image: x}\n`),
    params: { fsGroupRanges: { ranges: [] } },
    want: [`Pod/p a ${POD}.fsGroup`],
  },
  {
    name: 'RunAsAny everywhere (the definition\'s own defaults for groups, plus RunAsAny users) accepts anything',
    yaml: pod(`  securityContext: {runAsUser: 0, runAsGroup: 0, fsGroup: 0, supplementalGroups: [0]}\n  containers:\n  - {name: a, image: x}\n`),
    params: { runAsUserRule: 'RunAsAny', runAsGroupRule: 'RunAsAny', supplementalGroupsRule: 'RunAsAny', fsGroupRule: 'RunAsAny' },
    want: [],
  },
  {
    name: 'the definition defaults (MustRunAsNonRoot, groups RunAsAny) accept a pod with only runAsNonRoot',
    yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n`),
    params: { runAsGroupRule: 'RunAsAny', supplementalGroupsRule: 'RunAsAny', fsGroupRule: 'RunAsAny' },
    want: [],
  },
  {
    name: 'Deployment: init and ephemeral containers are covered',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n      initContainers:\n      - {name: i, image: x, securityContext: {runAsUser: 0}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {runAsNonRoot: false}}\n`,
    want: ['Deployment/d i spec.template.spec.initContainers[0].securityContext.runAsUser', 'Deployment/d e spec.template.spec.ephemeralContainers[0].securityContext.runAsNonRoot'],
  },
  {
    name: 'CronJob',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext: {runAsUser: 1000}\n          containers:\n          - {name: c, image: x}\n`,
    want: ['CronJob/cj c spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsGroup'],
  },
  {
    name: 'excludedContainers and excludedImages',
    yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: reg.io/t:1}\n  - {name: c, image: z, securityContext: {runAsUser: 1000}}\n`),
    params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
    want: ['Pod/p c spec.containers[2].securityContext.runAsGroup'],
  },
  {
    name: 'Windows pods are skipped',
    yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x}\n`),
    want: [],
  },
];

for (const c of cases) {
  test(`run-as-root: ${c.name}`, () => {
    assert.deepEqual(findingsOf('run-as-root', c.yaml, { params: c.params }), c.want);
  });
}

test('run-as-root: MCSB defaults with Azure\'s parameter names and shapes', () => {
  assert.deepEqual(checkById('run-as-root')!.params.parse({}), {
    runAsUserRule: 'MustRunAsNonRoot', runAsUserRanges: { ranges: [] },
    runAsGroupRule: 'MustRunAs', runAsGroupRanges: from1,
    supplementalGroupsRule: 'MayRunAs', supplementalGroupsRanges: from1,
    fsGroupRule: 'MayRunAs', fsGroupRanges: from1,
    excludedContainers: [], excludedImages: [],
  });
  assert.throws(() => checkById('run-as-root')!.params.parse({ runAsGroupRule: 'MustRunAsNonRoot' }));
});

test('run-as-root: messages as Azure words them, parameters printed as Rego prints them', () => {
  const r = runCheck('run-as-root', pod(`  securityContext: {supplementalGroups: [5, 0]}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n  - {name: b, image: x, securityContext: {runAsGroup: 7}}\n`));
  assert.deepEqual(r.findings.map((f) => f.message), [
    'Container a is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}',
    'Container a is attempting to run without a required securityContext/runAsGroup',
    'Container a is attempting to run as disallowed group [5, 0]. Allowed supplementalGroups: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}',
    'Container b is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0',
    'Container b is attempting to run as disallowed group [5, 0]. Allowed supplementalGroups: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}',
  ]);
});

test('run-as-root: changes are suggestions (a user id can break the workload), never safe fixes', () => {
  const check = checkById('run-as-root')!;
  if (check.target !== 'pod') throw new Error('pod check expected');
  const view = podView(parse(pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n`)) as Obj, 'default')!;
  const vs = check.check({ pod: view, containers: view.containers, inventory: new InventoryIndex('default') }, check.params.parse({}));
  assert.equal(vs.length, 2);
  assert.ok(vs.every((v) => v.fix === undefined));
  assert.deepEqual(vs[0]?.suggestion?.ops, [
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsUser'], value: 10001 },
    { op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsNonRoot'], value: true },
  ]);
  assert.deepEqual(vs[1]?.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 0, 'securityContext', 'runAsGroup'], value: 10001 }]);
});
