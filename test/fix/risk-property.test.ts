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
});

function manifest(pod: Obj): string {
  return stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop' }, spec: pod });
}

test('property: the default risk adds a change that can stop a workload only with its evidence in the manifest', () => {
  const cfg = config(POLICIES);
  fc.assert(fc.property(input, (g) => {
    const podSc = g.podRunAsUser === undefined ? undefined : { runAsUser: g.podRunAsUser };
    const pod = drop({
      serviceAccountName: g.serviceAccountName, automountServiceAccountToken: g.automountServiceAccountToken,
      hostPID: g.hostPID, hostNetwork: g.hostNetwork, securityContext: podSc, containers: g.containers,
    });
    const text = manifest(pod);
    const r = fixInMemory(cfg, 'gen.yaml', text, 'safe');
    assert.deepEqual(r.problems, []);
    const before = parseManifests('gen.yaml', text).objects[0]!.object.spec as Obj;
    const after = parseManifests('gen.yaml', r.text).objects[0]!.object.spec as Obj;
    const bad = changedLeaves(before, after).map((p) => [p, forbiddenChange(p, before, after)]).filter(([, why]) => why !== undefined);
    assert.deepEqual(bad, [], `${text}\n=>\n${r.text}`);
  }), { numRuns: Number(process.env.FIX_PROPERTY_RUNS ?? 200) });
});

test('property: the default risk does apply what the manifest proves safe (the oracle is not vacuous)', () => {
  const cfg = config(POLICIES);
  const text = manifest({ containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 1000 } }] });
  const r = fixInMemory(cfg, 'gen.yaml', text, 'safe');
  const after = parseManifests('gen.yaml', r.text).objects[0]!.object.spec as Obj;
  assert.equal((after.securityContext as Obj).runAsNonRoot, true);
  // what a node showed stop a program whose manifest looks like this one is not applied by default
  const c0 = (after.containers as Obj[])[0]!.securityContext as Obj;
  assert.equal(after.automountServiceAccountToken, undefined);
  assert.equal(c0.allowPrivilegeEscalation, undefined);
  assert.equal((after.securityContext as Obj).seccompProfile, undefined);
  assert.equal(c0.readOnlyRootFilesystem, undefined);
});

test('property: the oracle forbids the changes the default risk leaves out, which --risk all makes', () => {
  const cfg = config(POLICIES);
  const text = manifest({ containers: [{ name: 'c', image: 'x', securityContext: { runAsUser: 1000 } }] });
  const r = fixInMemory(cfg, 'gen.yaml', text, 'all');
  assert.deepEqual(r.problems, []);
  const before = parseManifests('gen.yaml', text).objects[0]!.object.spec as Obj;
  const after = parseManifests('gen.yaml', r.text).objects[0]!.object.spec as Obj;
  const forbidden = changedLeaves(before, after).filter((p) => forbiddenChange(p, before, after) !== undefined);
  for (const leaf of ['automountServiceAccountToken', 'containers[0].securityContext.allowPrivilegeEscalation', 'securityContext.seccompProfile.type']) {
    assert.ok(forbidden.includes(leaf), `${leaf} changed by --risk all and forbidden by the oracle: ${JSON.stringify(forbidden)}`);
  }
});
