// Table test for privilege-escalation-allowed: the v3 three-way rule, including the passes that surprise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck } from '../../test/support/check-run.js';

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}`;
const APE = 'securityContext.allowPrivilegeEscalation';

const cases: { name: string; yaml: string; params?: Record<string, unknown>; want: string[] }[] = [
  {
    name: 'a: allowPrivilegeEscalation: true',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'a: explicit true fires even as UID 0',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true, runAsUser: 0}}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'surprising pass: no allowPrivilegeEscalation and no runAsUser anywhere',
    yaml: pod(`  containers:\n  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {}}\n`),
    want: [],
  },
  {
    name: 'b: container runAsUser non-zero without an explicit false',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 1000}}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'b: allowPrivilegeEscalation: null is not an explicit false',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: null, runAsUser: 1000}}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'c: pod runAsUser non-zero, container unset; the path is where the field belongs on the container',
    yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'surprising pass: container runAsUser 0 overrides a non-zero pod value (Azure sample pass-uid)',
    yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {runAsUser: 0}}\n`),
    want: [],
  },
  {
    name: 'pod runAsUser 0 and container unset passes',
    yaml: pod(`  securityContext: {runAsUser: 0}\n  containers:\n  - {name: a, image: x}\n`),
    want: [],
  },
  {
    name: 'explicit false passes with any user',
    yaml: pod(`  securityContext: {runAsUser: 1000}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: false, runAsUser: 2000}}\n  - {name: b, image: x, securityContext: {allowPrivilegeEscalation: false}}\n`),
    want: [],
  },
  {
    name: 'allowPrivilegeEscalation exists on the container only: a pod-level true or false changes nothing',
    yaml: pod(`  securityContext: {allowPrivilegeEscalation: false, runAsUser: 1000}\n  containers:\n  - {name: a, image: x}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  securityContext: {allowPrivilegeEscalation: true}\n  containers:\n  - {name: a, image: x}\n`),
    want: [`Pod/p a spec.containers[0].${APE}`],
  },
  {
    name: 'runAsNonRoot and privileged are not considered',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {runAsNonRoot: true}}\n  - {name: b, image: x, securityContext: {privileged: true, capabilities: {add: [SYS_ADMIN]}}}\n`),
    want: [],
  },
  {
    name: 'Deployment: init and ephemeral containers inherit the pod user',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      securityContext: {runAsUser: 1000}\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x, securityContext: {allowPrivilegeEscalation: false}}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
    want: [`Deployment/d i spec.template.spec.initContainers[0].${APE}`, `Deployment/d e spec.template.spec.ephemeralContainers[0].${APE}`],
  },
  {
    name: 'CronJob pod template',
    yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`,
    want: [`CronJob/cj c spec.jobTemplate.spec.template.spec.containers[0].${APE}`],
  },
  {
    name: 'excludedContainers and excludedImages',
    yaml: pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n  - {name: b, image: reg.io/t:1, securityContext: {allowPrivilegeEscalation: true}}\n  - {name: c, image: z, securityContext: {allowPrivilegeEscalation: true}}\n`),
    params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
    want: [`Pod/p c spec.containers[2].${APE}`],
  },
  {
    name: 'Windows pods are skipped',
    yaml: pod(`  nodeSelector: {kubernetes.io/os: windows}\n  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`),
    want: [],
  },
];

for (const c of cases) {
  test(`privilege-escalation-allowed: ${c.name}`, () => {
    assert.deepEqual(findingsOf('privilege-escalation-allowed', c.yaml, { params: c.params }), c.want);
  });
}

test('privilege-escalation-allowed: message as Azure words it, in both languages', () => {
  const y = pod(`  containers:\n  - {name: web, image: x, securityContext: {allowPrivilegeEscalation: true}}\n`);
  assert.equal(runCheck('privilege-escalation-allowed', y).findings[0]?.message, 'Privilege escalation container is not allowed: web');
  assert.equal(runCheck('privilege-escalation-allowed', y, { lang: 'ja' }).findings[0]?.message, '特権エスカレーションが可能なコンテナーは許可されていません: web');
});

test('privilege-escalation-allowed: allowPrivilegeEscalation: "false" is an input error, not a pass', () => {
  const r = runCheck('privilege-escalation-allowed', pod(`  containers:\n  - {name: a, image: x, securityContext: {allowPrivilegeEscalation: "false", runAsUser: 5}}\n`));
  assert.equal(r.findings.length, 0);
  assert.equal(r.errors.length, 1);
});
