// Rule tests for disallowed-apparmor-profile: Azure's enforce-apparmor template, plus the optional field reading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCheck } from '../../test/support/check-run.js';
import { ruleTester } from '../../test/support/rule-tester.js';
import check from './disallowed-apparmor-profile.js';

const ID = 'disallowed-apparmor-profile';

function pod(annotations: Record<string, string>, containers = '  - {name: a, image: x}\n', extraSpec = ''): string {
  const a = Object.entries(annotations).map(([k, v]) => `    ${k}: ${v}\n`).join('');
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n${a ? `  annotations:\n${a}` : ''}spec:\n${extraSpec}  containers:\n${containers}`;
}
const A = 'container.apparmor.security.beta.kubernetes.io/a';

ruleTester(check, {
  valid: [
    { name: 'no annotation → runtime/default → pass', yaml: pod({}) },
    { name: 'annotation runtime/default → pass', yaml: pod({ [A]: 'runtime/default' }) },
    { name: 'trailing * is a prefix match: localhost/* allows localhost profiles', yaml: pod({ [A]: 'localhost/my-profile' }), params: { allowedProfiles: ['runtime/default', 'localhost/*'] } },
    { name: 'the annotation of another container does not apply', yaml: pod({ 'container.apparmor.security.beta.kubernetes.io/other': 'unconfined' }) },
    {
      name: 'the securityContext.appArmorProfile field is ignored by default (Azure v3)',
      yaml: pod({}, '  - {name: a, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}\n', '  securityContext: {appArmorProfile: {type: Unconfined}}\n'),
    },
    {
      name: 'readAppArmorField: container field wins over the annotation',
      yaml: pod({ [A]: 'unconfined' }, '  - {name: a, image: x, securityContext: {appArmorProfile: {type: RuntimeDefault}}}\n'),
      params: { readAppArmorField: true },
    },
    {
      name: 'readAppArmorField: annotation wins over the pod field',
      yaml: pod({ [A]: 'runtime/default' }, '  - {name: a, image: x}\n', '  securityContext: {appArmorProfile: {type: Unconfined}}\n'),
      params: { readAppArmorField: true },
    },
    {
      name: 'annotations on the Deployment itself do not count, only the pod template',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  annotations: {container.apparmor.security.beta.kubernetes.io/c: unconfined}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: c, image: x}\n`,
    },
    { name: 'Windows pods are skipped', yaml: pod({ [A]: 'unconfined' }, '  - {name: a, image: x}\n', '  nodeSelector: {kubernetes.io/os: windows}\n') },
  ],
  invalid: [
    {
      name: 'annotation unconfined → finding at the annotation',
      yaml: pod({ [A]: 'unconfined' }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'annotation localhost/x is not allowed by default',
      yaml: pod({ [A]: 'localhost/x' }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'exact, case-sensitive comparison',
      yaml: pod({ [A]: 'Runtime/Default' }),
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'localhost/* does not allow unconfined',
      yaml: pod({ [A]: 'unconfined' }),
      params: { allowedProfiles: ['localhost/*'] },
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["localhost/*"]' }],
      output: null,
    },
    {
      name: 'a * that is not trailing is literal',
      yaml: pod({ [A]: 'localhost/x' }),
      params: { allowedProfiles: ['local*/x'] },
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["local*/x"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'allowedProfiles: [] → even an unannotated container fails',
      yaml: pod({}),
      params: { allowedProfiles: [] },
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: []' }],
      output: null,
    },
    {
      name: 'the pod-wide annotation is ignored',
      yaml: pod({ 'apparmor.security.beta.kubernetes.io/pod': 'unconfined' }),
      params: { allowedProfiles: ['localhost/x'] },
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/a"]', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["localhost/x"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'readAppArmorField: container field Unconfined is a finding at the field',
      yaml: pod({}, '  - {name: a, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}\n'),
      params: { readAppArmorField: true },
      errors: [{ path: 'spec.containers[0].securityContext.appArmorProfile', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'readAppArmorField: pod field applies when neither container field nor annotation is set',
      yaml: pod({}, '  - {name: a, image: x}\n', '  securityContext: {appArmorProfile: {type: Unconfined}}\n'),
      params: { readAppArmorField: true },
      errors: [{ path: 'spec.securityContext.appArmorProfile', container: 'a', message: 'AppArmor profile is not allowed, pod: p, container: a. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'readAppArmorField: Localhost maps to localhost/<localhostProfile>',
      yaml: pod({}, '  - {name: a, image: x, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: k8s-nginx}}}\n  - {name: b, image: x, securityContext: {appArmorProfile: {type: Localhost, localhostProfile: other}}}\n'),
      params: { readAppArmorField: true, allowedProfiles: ['localhost/k8s-nginx'] },
      errors: [{ path: 'spec.containers[1].securityContext.appArmorProfile', container: 'b', message: 'AppArmor profile is not allowed, pod: p, container: b. Allowed profiles: ["localhost/k8s-nginx"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'init and ephemeral containers of a Deployment are covered (template annotations)',
      yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    metadata:\n      annotations:\n        container.apparmor.security.beta.kubernetes.io/i: unconfined\n        container.apparmor.security.beta.kubernetes.io/e: localhost/debug\n    spec:\n      initContainers:\n      - {name: i, image: x}\n      containers:\n      - {name: c, image: x}\n      ephemeralContainers:\n      - {name: e, image: x}\n`,
      errors: [
        { path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/i"]', container: 'i', resource: 'Deployment/d', message: 'AppArmor profile is not allowed, pod: d, container: i. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' },
        { path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/e"]', container: 'e', resource: 'Deployment/d', message: 'AppArmor profile is not allowed, pod: d, container: e. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' },
      ],
      output: null,
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          annotations: {container.apparmor.security.beta.kubernetes.io/c: unconfined}\n        spec:\n          containers:\n          - {name: c, image: x}\n`,
      errors: [{ path: 'spec.jobTemplate.spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]', container: 'c', resource: 'CronJob/cj', message: 'AppArmor profile is not allowed, pod: cj, container: c. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
    {
      name: 'excludedContainers and excludedImages',
      yaml: pod({ [A]: 'unconfined', 'container.apparmor.security.beta.kubernetes.io/b': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/c': 'unconfined' },
      '  - {name: a, image: x}\n  - {name: b, image: reg.io/t:1}\n  - {name: c, image: z}\n'),
      params: { excludedContainers: ['a'], excludedImages: ['reg.io/*'] },
      errors: [{ path: 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/c"]', container: 'c', message: 'AppArmor profile is not allowed, pod: p, container: c. Allowed profiles: ["runtime/default"]', change: 'use-allowed-apparmor-profile' }],
      output: null,
    },
  ],
});

test(`${ID}: changing the profile is offered as a suggestion, never a safe fix`, async () => {
  const check = (await import('./disallowed-apparmor-profile.js')).default;
  const { parseManifests } = await import('../source/load.js');
  const { podView } = await import('../k8s/workload.js');
  const view = podView(parseManifests('t.yaml', pod({ [A]: 'unconfined' }, '  - {name: a, image: x}\n  - {name: b, image: x, securityContext: {appArmorProfile: {type: Unconfined}}}\n')).objects[0]!.object, 'default')!;
  const v = check.check({ pod: view, containers: view.containers, inventory: undefined as never }, check.params.parse({ readAppArmorField: true }));
  assert.equal(v.length, 2);
  assert.equal(v[0]!.fix, undefined);
  assert.deepEqual(v[0]!.suggestion?.ops, [{ op: 'set', path: ['metadata', 'annotations', A], value: 'runtime/default' }]);
  assert.deepEqual(v[1]!.suggestion?.ops, [{ op: 'set', path: ['spec', 'containers', 1, 'securityContext', 'appArmorProfile'], value: { type: 'RuntimeDefault' } }]);
});

test(`${ID}: Japanese message`, () => {
  const r = runCheck(ID, pod({ [A]: 'unconfined' }), { lang: 'ja' });
  assert.deepEqual(r.findings.map((f) => f.message), ['AppArmor プロファイルが許可されていません。ポッド: p、コンテナー: a。許可されているプロファイル: ["runtime/default"]']);
});

test(`${ID}: the finding points at the annotation's line`, () => {
  const r = runCheck(ID, pod({ [A]: 'unconfined' }));
  assert.equal(r.findings[0]?.location?.line, 6);
});
