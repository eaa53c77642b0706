// Property: `mamori fix --write` at the default risk never adds a change that can stop a workload unless the manifest proves it safe.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { parseManifests } from '../../src/source/load.js';
import { config, fixInMemory } from './fixtures.js';
import { changedLeaves, forbiddenChange } from './oracle.js';

type Obj = Record<string, unknown>;

// Every check that can change a manifest, across the Defender, PSS and NSA catalogues.
const POLICIES = ALL_CHECKS.filter((c) => (c.meta.changes ?? []).length > 0).map((c) => c.meta.id);

const maybe = <T>(...xs: T[]) => fc.constantFrom<T | undefined>(undefined, ...xs);
const drop = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const containerSc = fc.record({
  privileged: maybe(true, false),
  capabilities: maybe({ add: ['SYS_ADMIN'] }, { add: ['CAP_SYS_ADMIN'] }, { add: ['NET_ADMIN'] }, { drop: ['ALL'] }),
  runAsUser: maybe(0, 1000),
  allowPrivilegeEscalation: maybe(true, false),
  readOnlyRootFilesystem: maybe(false, true),
  runAsNonRoot: maybe(false),
}).map(drop); // all fields unset gives securityContext: {}
const container = (name: string) => fc.record({ sc: fc.option(containerSc, { nil: undefined }) })
  .map(({ sc }) => drop({ name, image: 'nginx:1.27', securityContext: sc }));

const input = fc.record({
  serviceAccountName: maybe('default', 'csi-provisioner'),
  automountServiceAccountToken: maybe(true),
  hostPID: maybe(true),
  hostNetwork: maybe(true),
  podRunAsUser: maybe(0, 2000),
  containers: fc.integer({ min: 1, max: 2 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => container(`c${i}`)))),
  bindsDefault: fc.boolean(),
});

interface Case { pod: Obj; bindsDefault: boolean }

function manifest(c: Case): string {
  const docs: Obj[] = [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: c.pod }];
  if (c.bindsDefault) {
    docs.push({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'b', namespace: 'shop' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'default' }],
    });
  }
  return docs.map((d) => stringify(d)).join('---\n');
}

test('property: the default risk adds a change that can stop a workload only with its evidence in the manifest', () => {
  const cfg = config(POLICIES);
  fc.assert(fc.property(input, (g) => {
    const podSc = g.podRunAsUser === undefined ? undefined : { runAsUser: g.podRunAsUser };
    const pod = drop({
      serviceAccountName: g.serviceAccountName, automountServiceAccountToken: g.automountServiceAccountToken,
      hostPID: g.hostPID, hostNetwork: g.hostNetwork, securityContext: podSc, containers: g.containers,
    });
    const text = manifest({ pod, bindsDefault: g.bindsDefault });
    const r = fixInMemory(cfg, 'gen.yaml', text, 'safe');
    assert.deepEqual(r.problems, []);
    const before = parseManifests('gen.yaml', text).objects[0]!.object.spec as Obj;
    const after = parseManifests('gen.yaml', r.text).objects[0]!.object.spec as Obj;
    const bad = changedLeaves(before, after).map((p) => [p, forbiddenChange(p, before, after, g.bindsDefault)]).filter(([, why]) => why !== undefined);
    assert.deepEqual(bad, [], `${text}\n=>\n${r.text}`);
  }), { numRuns: Number(process.env.FIX_PROPERTY_RUNS ?? 200) });
});

test('property: the default risk does apply what the manifest proves safe (the oracle is not vacuous)', () => {
  const cfg = config(POLICIES);
  const text = manifest({ pod: { containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 1000 } }] }, bindsDefault: false });
  const r = fixInMemory(cfg, 'gen.yaml', text, 'safe');
  const after = parseManifests('gen.yaml', r.text).objects[0]!.object.spec as Obj;
  assert.equal(after.automountServiceAccountToken, false);
  const c0 = (after.containers as Obj[])[0]!.securityContext as Obj;
  assert.equal(c0.allowPrivilegeEscalation, false);
  assert.equal((after.securityContext as Obj).runAsNonRoot, true);
  assert.deepEqual((after.securityContext as Obj).seccompProfile, { type: 'RuntimeDefault' });
  assert.equal(c0.readOnlyRootFilesystem, undefined);
});
