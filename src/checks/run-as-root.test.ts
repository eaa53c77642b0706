// Rule tests for run-as-root: allowed-users-groups v3 under Defender's parameters (and the rules users may choose instead).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { runCheck } from '../../test/support/check-run.js';
import { checkById } from './index.js';
import { podView } from '../k8s/workload.js';
import { InventoryIndex } from '../engine/engine.js';
import type { Obj } from '../k8s/values.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './run-as-root.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const from1 = { ranges: [{ min: 1, max: -1 }] };

ruleTester(check, {
  valid: [
    {
      name: 'runAsUser: 1000 with runAsNonRoot: false passes',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: false, runAsUser: 1000, runAsGroup: 1000}}\n`),
    },
    {
      name: 'container runAsNonRoot: true overrides pod false',
      yaml: pod(`  securityContext: {runAsNonRoot: false, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n`),
    },
    {
      name: 'the seed\'s security-context-demo (pod runAsUser 1000, runAsGroup 3000, fsGroup 2000) passes',
      yaml: pod(`  securityContext: {runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000}\n  containers:\n  - {name: sec-ctx-demo, image: busybox:1.36, securityContext: {allowPrivilegeEscalation: false}}\n`),
    },
    {
      name: 'supplementalGroups: [] counts as present and satisfies even MustRunAs',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, supplementalGroups: []}\n  containers:\n  - {name: a, image: x}\n`),
      params: { supplementalGroupsRule: 'MustRunAs' },
    },
    {
      name: 'RunAsAny everywhere (the definition\'s own defaults for groups, plus RunAsAny users) accepts anything',
      yaml: pod(`  securityContext: {runAsUser: 0, runAsGroup: 0, fsGroup: 0, supplementalGroups: [0]}\n  containers:\n  - {name: a, image: x}\n`),
      params: { runAsUserRule: 'RunAsAny', runAsGroupRule: 'RunAsAny', supplementalGroupsRule: 'RunAsAny', fsGroupRule: 'RunAsAny' },
    },
    {
      name: 'the definition defaults (MustRunAsNonRoot, groups RunAsAny) accept a pod with only runAsNonRoot',
      yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n`),
      params: { runAsGroupRule: 'RunAsAny', supplementalGroupsRule: 'RunAsAny', fsGroupRule: 'RunAsAny' },
    },
    {
      name: 'Windows pods are skipped',
      yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x}\n`),
    },
  ],
  invalid: [
    {
      name: 'nothing set: runAsNonRoot/runAsUser missing and runAsGroup missing',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n`),
      errors: [
        { path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0', change: 'set-run-as-user-non-root' },
        { path: 'spec.containers[0].securityContext.runAsGroup', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsGroup', change: 'set-group' },
      ],
      output: null,
    },
    {
      name: 'only runAsNonRoot: true is still unhealthy (runAsGroup missing)',
      yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.runAsGroup', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsGroup', change: 'set-group' }],
      output: null,
    },
    {
      name: 'runAsNonRoot: true with runAsUser: 0 is a violation (user 0)',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true, runAsUser: 0, runAsGroup: 1000}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' }],
      output: null,
    },
    {
      name: 'container runAsNonRoot: false overrides pod true: the path is the container value',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: false}}\n  - {name: b, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.runAsNonRoot', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0', change: 'set-run-as-user-non-root' }],
      output: null,
    },
    {
      name: 'pod runAsNonRoot: false is where the problem sits when the container says nothing',
      yaml: pod(`  securityContext: {runAsNonRoot: false, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.securityContext.runAsNonRoot', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0', change: 'set-run-as-user-non-root' }],
      output: null,
    },
    {
      name: 'container runAsUser 0 overrides a non-zero pod value',
      yaml: pod(`  securityContext: {runAsUser: 1000, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n  - {name: b, image: x}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' }],
      output: null,
    },
    {
      name: 'pod runAsUser 0 is reported for every container that inherits it',
      yaml: pod(`  securityContext: {runAsUser: 0, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {runAsUser: 1000}}\n  - {name: c, image: x}\n`),
      errors: [
        { path: 'spec.securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' },
        { path: 'spec.securityContext.runAsUser', container: 'c', message: 'Container c is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' },
      ],
      output: null,
    },
    {
      name: 'runAsGroup 0 (container over pod)',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsGroup: 0}}\n`),
      errors: [{ path: 'spec.containers[0].securityContext.runAsGroup', container: 'a', message: 'Container a is attempting to run as disallowed group 0. Allowed runAsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MustRunAs"}', change: 'set-group' }],
      output: null,
    },
    {
      name: 'fsGroup 0 comes from the pod but is reported per container',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, fsGroup: 0}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x}\n`),
      errors: [
        { path: 'spec.securityContext.fsGroup', container: 'a', message: 'Container a is attempting to run as disallowed group 0. Allowed fsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' },
        { path: 'spec.securityContext.fsGroup', container: 'b', message: 'Container b is attempting to run as disallowed group 0. Allowed fsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' },
      ],
      output: null,
    },
    {
      name: 'supplementalGroups: every element is checked; the path is the first bad one',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, supplementalGroups: [1000, 0, 2000]}\n  containers:\n  - {name: a, image: x}\n`),
      errors: [{ path: 'spec.securityContext.supplementalGroups[1]', container: 'a', message: 'Container a is attempting to run as disallowed group [1000, 0, 2000]. Allowed supplementalGroups: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' }],
      output: null,
    },
    {
      name: 'MustRunAs for the pod-only fields: absence is reported per container',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n  containers:\n  - {name: a, image: x}\n`),
      params: { supplementalGroupsRule: 'MustRunAs', fsGroupRule: 'MustRunAs' },
      errors: [
        { path: 'spec.securityContext.supplementalGroups', container: 'a', message: 'Container a is attempting to run without a required securityContext/supplementalGroups', change: 'set-group' },
        { path: 'spec.securityContext.fsGroup', container: 'a', message: 'Container a is attempting to run without a required securityContext/fsGroup', change: 'set-group' },
      ],
      output: null,
    },
    {
      name: 'up to 4 violations per container',
      yaml: pod(`  securityContext: {fsGroup: 0, supplementalGroups: [0]}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0, runAsGroup: 0}}\n`),
      errors: [
        { path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' },
        { path: 'spec.containers[0].securityContext.runAsGroup', container: 'a', message: 'Container a is attempting to run as disallowed group 0. Allowed runAsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MustRunAs"}', change: 'set-group' },
        { path: 'spec.securityContext.supplementalGroups[0]', container: 'a', message: 'Container a is attempting to run as disallowed group [0]. Allowed supplementalGroups: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' },
        { path: 'spec.securityContext.fsGroup', container: 'a', message: 'Container a is attempting to run as disallowed group 0. Allowed fsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' },
      ],
      output: null,
    },
    {
      name: 'runAsUserRule MustRunAs: absent, outside and inside the range',
      yaml: pod(`  securityContext: {runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n  - {name: b, image: x, securityContext: {runAsUser: 500}}\n  - {name: c, image: x, securityContext: {runAsUser: 2000}}\n`),
      params: { runAsUserRule: 'MustRunAs', runAsUserRanges: { ranges: [{ min: 1000, max: 2000 }] } },
      errors: [
        { path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run without a required securityContext/runAsUser', change: 'set-run-as-user' },
        { path: 'spec.containers[1].securityContext.runAsUser', container: 'b', message: 'Container b is attempting to run as disallowed user 500. Allowed runAsUser: {"ranges": [{"max": 2000, "min": 1000}], "rule": "MustRunAs"}', change: 'set-run-as-user' },
      ],
      output: null,
    },
    {
      name: 'MustRunAs with no ranges rejects every user, 0 included',
      yaml: pod(`  securityContext: {runAsGroup: 3000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1000}}\n`),
      params: { runAsUserRule: 'MustRunAs' },
      errors: [{ path: 'spec.containers[0].securityContext.runAsUser', container: 'a', message: 'Container a is attempting to run as disallowed user 1000. Allowed runAsUser: {"ranges": [], "rule": "MustRunAs"}' }],
      output: null,
    },
    {
      name: 'a bounded range includes both ends; max -1 means no upper bound',
      yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1, runAsGroup: 1000}}\n  - {name: b, image: x, securityContext: {runAsUser: 1, runAsGroup: 1001}}\n  - {name: c, image: x, securityContext: {runAsUser: 1, runAsGroup: 1}}\n`),
      params: { runAsGroupRanges: { ranges: [{ min: 1, max: 1000 }] } },
      errors: [{ path: 'spec.containers[1].securityContext.runAsGroup', container: 'b', message: 'Container b is attempting to run as disallowed group 1001. Allowed runAsGroup: {"ranges": [{"max": 1000, "min": 1}], "rule": "MustRunAs"}', change: 'set-group' }],
      output: null,
    },
    {
      name: 'runAsGroupRule MayRunAs: absence passes, an out-of-range value does not',
      yaml: pod(`  securityContext: {runAsNonRoot: true}\n  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {runAsGroup: 0}}\n`),
      params: { runAsGroupRule: 'MayRunAs' },
      errors: [{ path: 'spec.containers[1].securityContext.runAsGroup', container: 'b', message: 'Container b is attempting to run as disallowed group 0. Allowed runAsGroup: {"ranges": [{"max": -1, "min": 1}], "rule": "MayRunAs"}', change: 'set-group' }],
      output: null,
    },
    {
      name: 'MayRunAs with empty ranges rejects every set value',
      yaml: pod(`  securityContext: {runAsNonRoot: true, runAsGroup: 3000, fsGroup: 2000}\n  containers:\n  - {name: a, image: x}\n`),
      params: { fsGroupRanges: { ranges: [] } },
      errors: [{ path: 'spec.securityContext.fsGroup', container: 'a', message: 'Container a is attempting to run as disallowed group 2000. Allowed fsGroup: {"ranges": [], "rule": "MayRunAs"}' }],
      output: null,
    },
    {
      name: 'Deployment: init and ephemeral containers are covered',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsNonRoot: true, runAsGroup: 3000}\n      initContainers:\n      - {name: i, image: x, securityContext: {runAsUser: 0}}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x, securityContext: {runAsNonRoot: false}}\n`,
      errors: [
        { path: 'spec.template.spec.initContainers[0].securityContext.runAsUser', container: 'i', resource: 'Deployment/d', message: 'Container i is attempting to run as disallowed user 0. Allowed runAsUser: {"ranges": [], "rule": "MustRunAsNonRoot"}', change: 'set-run-as-user' },
        { path: 'spec.template.spec.ephemeralContainers[0].securityContext.runAsNonRoot', container: 'e', resource: 'Deployment/d', message: 'Container e is attempting to run without a required securityContext/runAsNonRoot or securityContext/runAsUser != 0', change: 'set-run-as-user-non-root' },
      ],
      output: null,
    },
    {
      name: 'CronJob',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          securityContext: {runAsUser: 1000}\n          containers:\n          - {name: c, image: x}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.runAsGroup', container: 'c', resource: 'CronJob/cj', message: 'Container c is attempting to run without a required securityContext/runAsGroup', change: 'set-group' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: reg.io/t:1}\n  - {name: c, image: z, securityContext: {runAsUser: 1000}}\n`),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'spec.containers[2].securityContext.runAsGroup', container: 'c', message: 'Container c is attempting to run without a required securityContext/runAsGroup', change: 'set-group' }],
      output: null,
    },
  ],
});

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
