// `mamori fix` through the command line on issue 11's workload: what --write applies, what it offers and why, --risk, --set, --format json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '../..');
const RUN = "import('./src/cli/main.ts').then(async (m) => { process.exitCode = await m.main(process.argv.slice(1)); })";

function mamori(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', RUN, '--', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// The manifest: an image that runs as root, writes its root filesystem, and calls the API with its own ServiceAccount.
const CSI = `apiVersion: apps/v1
kind: Deployment
metadata: {name: csi-provisioner, namespace: storage}
spec:
  selector: {matchLabels: {app: csi}}
  template:
    metadata: {labels: {app: csi}}
    spec:
      serviceAccountName: csi-provisioner
      containers: [{name: web, image: nginx:1.27}]
`;

function withFile<T>(text: string, body: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-risk-'));
  try {
    const f = join(dir, 'csi.yaml');
    writeFileSync(f, text);
    return body(f);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

type Obj = Record<string, unknown>;
const podSpec = (text: string): Obj => ((parse(text) as Obj).spec as Obj as { template: { spec: Obj } }).template.spec;
const container = (text: string): Obj => (podSpec(text).containers as Obj[])[0]!;

test('fix risk: --write on the csi-provisioner Deployment adds none of the three changes that would stop it, and offers each with its reason', () => {
  withFile(CSI, (f) => {
    const r = mamori(['fix', '--write', f]);
    assert.equal(r.code, 1, r.err);
    const after = readFileSync(f, 'utf8');
    assert.doesNotMatch(after, /runAsNonRoot|readOnlyRootFilesystem|automountServiceAccountToken/);
    assert.match(r.out, /run-as-root .*csi-provisioner \[web\]: .*Image user unknown.*--set runAsUser=10001/);
    assert.match(r.out, /writable-root-filesystem .*root filesystem becomes read-only.*emptyDir.*\/tmp/);
    assert.match(r.out, /service-account-token-automount .*loses its API token.*only reads the token/);
    assert.doesNotMatch(r.out, /Applied by default only when the pod/);
  });
});

// The three changes a node showed stop a program whose manifest looks harmless (src/fix/observed.ts).
const NODE_STOPPED = ['nsa-allow-privilege-escalation', 'nsa-seccomp', 'nsa-service-account-token'];

test('fix risk: under the nsa profile --write applies none of the changes a node showed stop a program, and offers each', () => {
  withFile(CSI, (f) => {
    const r = mamori(['fix', '--write', '--profile', 'nsa', f]);
    assert.equal(r.code, 1, r.err);
    assert.equal(readFileSync(f, 'utf8'), CSI);
    assert.doesNotMatch(r.out, /^applied/m);
    for (const id of NODE_STOPPED) assert.match(r.out, new RegExp(`^  ${id} .*\n    apply with --apply-suggestion ${id}$`, 'm'));
  });
});

test('fix risk: asked by name, they are applied under a heading that says they could stop the workload', () => {
  withFile(CSI, (f) => {
    const r = mamori(['fix', '--write', '--profile', 'nsa', ...NODE_STOPPED.flatMap((id) => ['--apply-suggestion', id]), f]);
    assert.equal(r.code, 1, r.err);
    const after = readFileSync(f, 'utf8');
    assert.deepEqual(container(after).securityContext, { allowPrivilegeEscalation: false });
    assert.deepEqual(podSpec(after).securityContext, { seccompProfile: { type: 'RuntimeDefault' } });
    assert.equal(podSpec(after).automountServiceAccountToken, false);
    assert.doesNotMatch(r.out, /cannot stop the workload/);
    const block = /^applied as asked \(could stop the workload\):\n((?: {2}.*\n)+)/m.exec(r.out);
    assert.ok(block, r.out);
    assert.deepEqual(block[1]!.trimEnd().split('\n').map((l) => l.trim().split(/\s+/)[0]).sort(), NODE_STOPPED);
  });
});

test('fix risk: a change the manifest proves safe and one asked by name go under their own headings, in Japanese too', () => {
  const uid = CSI.replace('image: nginx:1.27}', 'image: nginx:1.27, securityContext: {runAsUser: 1000}}');
  for (const [lang, safe, asked] of [
    ['en', 'applied (cannot stop the workload):', 'applied as asked (could stop the workload):'],
    ['ja', '適用（ワークロードを止めない変更）:', '指定により適用（ワークロードを止めるおそれがある変更）:'],
  ] as const) {
    withFile(uid, (f) => {
      const r = mamori(['fix', '--write', '--lang', lang, '--policy', 'nsa-run-as-non-root,nsa-seccomp', '--apply-suggestion', 'nsa-seccomp', f]);
      assert.notEqual(r.code, 2, r.err);
      const lines = r.out.split('\n');
      const at = (heading: string): string => lines[lines.indexOf(heading) + 1] ?? '';
      assert.ok(lines.includes(safe) && lines.includes(asked), r.out);
      assert.match(at(safe), /^ {2}nsa-run-as-non-root .*set-run-as-non-root: /);
      assert.match(at(asked), /^ {2}nsa-seccomp .*set-seccomp-runtime-default: /);
      assert.equal(lines.filter((l) => l.startsWith('  nsa-')).length, 2, r.out);
    });
  }
});

test('fix risk: --risk all applies the suggestions too, with the values they offer', () => {
  withFile(CSI, (f) => {
    const r = mamori(['fix', '--write', '--risk', 'all', '--policy', 'writable-root-filesystem,service-account-token-automount', f]);
    assert.equal(r.code, 0, r.out + r.err);
    const after = readFileSync(f, 'utf8');
    assert.equal(podSpec(after).automountServiceAccountToken, false);
    assert.deepEqual(container(after).securityContext, { readOnlyRootFilesystem: true });
  });
});

test('fix risk: --set limits.cpu=250m --set limits.memory=256Mi writes exactly those values', () => {
  withFile(CSI, (f) => {
    const r = mamori(['fix', '--write', '--policy', 'missing-resource-limits', '--apply-suggestion', 'missing-resource-limits', '--set', 'limits.cpu=250m', '--set', 'limits.memory=256Mi', f]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.doesNotMatch(r.out, /warning/);
    assert.deepEqual(container(readFileSync(f, 'utf8')).resources, { limits: { cpu: '250m', memory: '256Mi' } });
  });
  // a value alone picks the suggestion that takes it; the other field keeps the value offered
  withFile(CSI.replace('image: nginx:1.27}', 'image: nginx:1.27, resources: {requests: {memory: 128Mi}}}'), (f) => {
    const r = mamori(['fix', '--write', '--policy', 'missing-resource-limits', '--set', 'resources.limits.cpu=0.5', f]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.deepEqual((container(readFileSync(f, 'utf8')).resources as Obj).limits, { cpu: '0.5', memory: '128Mi' });
  });
});

test('fix risk: a value that is not valid for its field is a usage error naming it', () => {
  withFile(CSI, (f) => {
    for (const [set, why] of [
      ['limits.cpu=abc', /--set limits\.cpu=abc: abc is not a Kubernetes quantity/],
      ['limits.memory=-1Gi', /--set limits\.memory=-1Gi: .*not a Kubernetes quantity/],
      ['runAsUser=-5', /--set runAsUser=-5: runAsUser takes an id from 0/],
      ['runAsUser=0', /--set runAsUser=0: runAsUser 0 is root/],
      ['runAsNonRoot=yes', /--set runAsNonRoot=yes: runAsNonRoot takes true or false/],
    ] as const) {
      const r = mamori(['fix', '--write', '--set', set, f]);
      assert.equal(r.code, 2, set);
      assert.match(r.err, why);
      assert.equal(readFileSync(f, 'utf8'), CSI);
    }
  });
});

test('fix risk: --format json lists the changes per file with risk, reason and whether they were applied', () => {
  withFile(CSI.replace('image: nginx:1.27}', 'image: nginx:1.27, securityContext: {runAsUser: 1000}}'), (f) => {
    const before = readFileSync(f, 'utf8');
    const r = mamori(['fix', '--format', 'json', '--profile', 'nsa', '--apply-suggestion', 'nsa-seccomp', f]);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, '');
    const doc = JSON.parse(r.out) as { schema: string; mode: string; risk: string; diff: string; files: { file: string; changed: boolean; written: boolean; changes: { policyId: string; change: string; risk: string; applied: boolean; asked?: boolean; reason: string; ops: unknown[] }[] }[] };
    assert.equal(doc.schema, 'mamori.fix/v1');
    assert.equal(doc.mode, 'dry-run');
    assert.equal(doc.risk, 'safe');
    assert.equal(doc.files.length, 1);
    assert.equal(doc.files[0]!.changed, true);
    assert.equal(doc.files[0]!.written, false);
    assert.match(doc.diff, /^\+.*runAsNonRoot: true/m);
    assert.match(doc.diff, /^\+ *type: RuntimeDefault/m);
    assert.doesNotMatch(doc.diff, /allowPrivilegeEscalation|automountServiceAccountToken/);
    const by = new Map(doc.files[0]!.changes.map((c) => [c.policyId, c]));
    assert.deepEqual([by.get('nsa-run-as-non-root')?.applied, by.get('nsa-run-as-non-root')?.risk, by.get('nsa-run-as-non-root')?.asked], [true, 'evidence', false]);
    assert.deepEqual([by.get('nsa-seccomp')?.applied, by.get('nsa-seccomp')?.risk, by.get('nsa-seccomp')?.asked], [true, 'may-break', true]);
    assert.deepEqual([by.get('nsa-allow-privilege-escalation')?.applied, by.get('nsa-allow-privilege-escalation')?.risk, by.get('nsa-allow-privilege-escalation')?.asked], [false, 'may-break', undefined]);
    assert.deepEqual([by.get('nsa-service-account-token')?.applied, by.get('nsa-service-account-token')?.risk], [false, 'may-break']);
    assert.deepEqual([by.get('nsa-capabilities')?.applied, by.get('nsa-capabilities')?.risk], [false, 'may-break']);
    for (const c of doc.files[0]!.changes) {
      assert.ok(c.reason.length > 0, `${c.policyId}: no reason`);
      assert.ok(c.ops.length > 0, `${c.policyId}: no ops`);
    }
    assert.equal(readFileSync(f, 'utf8'), before);
  });
});
