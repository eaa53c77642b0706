// Table test for default-namespace: Pods (and pod-bearing workloads), Services and ServiceAccounts in "default".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingsOf, runCheck, brief } from './testing.js';
import { checkById } from './index.js';
import { Engine, InventoryIndex } from '../engine/engine.js';
import { parseManifests } from '../source/load.js';
import type { Path } from '../core/path.js';

const NS = 'metadata.namespace';
const podIn = (ns?: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${ns ? `, namespace: ${ns}` : ''}}\nspec:\n  containers:\n  - {name: a, image: x}\n`;

const cases: { name: string; yaml: string; want: string[] }[] = [
  { name: 'a Pod without metadata.namespace lands in default', yaml: podIn(), want: [`Pod/p - ${NS}`] },
  { name: 'a Pod in default', yaml: podIn('default'), want: [`Pod/p - ${NS}`] },
  { name: 'a Pod elsewhere passes', yaml: podIn('prod'), want: [] },
  {
    name: 'Deployment and CronJob: their pods land in default',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      initContainers: [{name: i, image: x}]\n      containers: [{name: c, image: x}]\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cj, namespace: default}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: x}]\n`,
    want: [`Deployment/d - ${NS}`, `CronJob/cj - ${NS}`],
  },
  {
    name: 'a workload in prod passes whatever its pod template metadata says',
    yaml: `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: prod}\nspec:\n  template:\n    metadata: {namespace: default}\n    spec:\n      containers: [{name: c, image: x}]\n`,
    want: [],
  },
  {
    name: 'Services and ServiceAccounts, except the built-in kubernetes Service and default ServiceAccount',
    yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: default}\nspec: {ports: [{port: 443}]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: builder}\n`,
    want: [`Service/web - ${NS}`, `ServiceAccount/builder - ${NS}`],
  },
  {
    name: 'the exceptions are by kind: a Service named default and a ServiceAccount named kubernetes are flagged',
    yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: default}\nspec: {ports: [{port: 80}]}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: kubernetes}\n`,
    want: [`Service/default - ${NS}`, `ServiceAccount/kubernetes - ${NS}`],
  },
  {
    name: 'a Service named kubernetes in another namespace is irrelevant (not default)',
    yaml: `apiVersion: v1\nkind: Service\nmetadata: {name: kubernetes, namespace: prod}\nspec: {ports: [{port: 443}]}\n`,
    want: [],
  },
  {
    name: 'ConfigMap, Secret and Ingress are not matched since definition 3.0.0',
    yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: s}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {}\n`,
    want: [],
  },
  {
    name: 'a Service of another API group (Knative) is not a core Service',
    yaml: `apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec: {}\n`,
    want: [],
  },
];

for (const c of cases) {
  test(`default-namespace: ${c.name}`, () => {
    assert.deepEqual(findingsOf('default-namespace', c.yaml), c.want);
  });
}

test('default-namespace: message as Azure words it; the finding points at metadata.namespace', () => {
  const r = runCheck('default-namespace', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: default\nspec:\n  containers: [{name: a, image: x}]\n`);
  assert.equal(r.findings[0]?.message, 'Usage of the default namespace is not allowed, name: p, kind: Pod');
  assert.equal(r.findings[0]?.location?.line, 5);
});

test('default-namespace: an object without a namespace is judged by the namespace it will be applied to (--namespace)', () => {
  const check = checkById('default-namespace')!;
  const run = (defaultNamespace: string) => {
    const { objects } = parseManifests('t.yaml', podIn());
    const engine = new Engine({
      profile: 'test', policies: [{ check, effect: 'Audit', params: {}, excludedNamespaces: [] }],
      defaultNamespace, customKinds: [], exceptions: [], today: '2026-11-22', lang: 'en',
    }, new InventoryIndex(defaultNamespace));
    for (const o of objects) engine.evaluate({ object: o.object, origin: { file: o.file, locate: (p: Path) => o.locator.locate(p) } });
    return brief(engine.report().findings);
  };
  assert.deepEqual(run('team-a'), []);
  assert.deepEqual(run('default'), [`Pod/p - ${NS}`]);
});
