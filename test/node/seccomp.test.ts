// The seed's seccomp practice observed in a real runtime: profiles in the kubelet's seccomp dir, enforced by containerd + runc in Pods.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { startCluster } from '../harness/cluster.js';
import { requireNodeOrSkip, startNode, type Node } from '../harness/node.js';
import { mamori, repo } from '../kernel/helpers.js';
import { parseProfileText } from '../../src/seccomp/profile.js';

const work = mkdtempSync(join(tmpdir(), 'mamori-node-seccomp-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

type Seccomp = { type: 'Localhost'; localhostProfile: string } | { type: 'RuntimeDefault' | 'Unconfined' };

function pod(name: string, seccomp: Seccomp | undefined, command: string[]): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      automountServiceAccountToken: false,
      ...(seccomp ? { securityContext: { seccompProfile: seccomp } } : {}),
      containers: [{ name: 'c', image: 'mamori.local/busybox:1.35', command }],
    },
  };
}

// The seed's manifest as written (examples/chmod-prevented.yaml), with an image this node has.
function seedPod(file: string, name: string): Record<string, unknown> {
  const p = parseYaml(readFileSync(join(repo, 'examples', file), 'utf8')) as { metadata: { name: string }; spec: { containers: Array<{ image: string }> } };
  p.metadata.name = name;
  for (const c of p.spec.containers) c.image = 'mamori.local/busybox:1.35';
  return p as unknown as Record<string, unknown>;
}

function cli(args: string[]): string {
  const r = mamori(args);
  assert.equal(r.status, 0, `mamori ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// chmod on a file of its own, then proof that the shell went on working.
const CHMOD_THEN_MORE = ['sh', '-c', 'touch /tmp/f; chmod 600 /tmp/f; echo "chmod=$? mode=$(stat -c %a /tmp/f)"; echo still-working > /tmp/g && cat /tmp/g'];

test('seccomp on a real node (containerd 1.6 + runc + kubelet)', { timeout: 15 * 60_000 }, async (t) => {
  if (!requireNodeOrSkip(t)) return;
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  const node: Node = await startNode(cluster);
  t.after(() => node.stop());

  await t.test('the seed prevent-chmod profile, as `seccomp convert` writes it: chmod gets EPERM, other commands work', async () => {
    writeFileSync(join(node.seccompDir, 'prevent-chmod'), cli(['seccomp', 'convert', '--to', 'oci', join(repo, 'examples', 'prevent-chmod.json')]));
    const seed = await node.runPod(seedPod('chmod-prevented.yaml', 'chmod-prevented'), { until: 'finished' });
    assert.equal(seed.outcome, 'Failed', JSON.stringify(seed.containers));
    assert.equal(seed.containers[0]?.exitCode, 1);
    assert.match(await node.logs('default', 'chmod-prevented'), /chmod: \/etc\/hostname: Operation not permitted/);

    const more = await node.runPod(pod('chmod-and-more', { type: 'Localhost', localhostProfile: 'prevent-chmod' }, CHMOD_THEN_MORE), { until: 'finished' });
    assert.equal(more.outcome, 'Succeeded', JSON.stringify(more.containers));
    const out = await node.logs('default', 'chmod-and-more');
    assert.match(out, /Operation not permitted/);
    assert.match(out, /chmod=1 mode=644/);
    assert.match(out, /still-working/);
  });

  await t.test('the legacy form (`name`, not `names`), as containerd reads it, lets chmod through; converted, it does not', async () => {
    writeFileSync(join(node.seccompDir, 'legacy-as-written.json'), readFileSync(join(repo, 'examples', 'prevent-chmod-legacy.json')));
    const legacy = await node.runPod(pod('legacy-as-written', { type: 'Localhost', localhostProfile: 'legacy-as-written.json' }, CHMOD_THEN_MORE), { until: 'finished' });
    assert.equal(legacy.outcome, 'Succeeded', JSON.stringify(legacy.containers));
    assert.match(await node.logs('default', 'legacy-as-written'), /chmod=0 mode=600/);

    // mamori's lint says so before any Pod runs.
    const lint = mamori(['seccomp', 'lint', join(repo, 'examples', 'prevent-chmod-legacy.json')]);
    assert.notEqual(lint.status, 0);
    assert.match(lint.stdout + lint.stderr, /"name"|legacy/);

    writeFileSync(join(node.seccompDir, 'legacy-converted.json'), cli(['seccomp', 'convert', '--to', 'oci', join(repo, 'examples', 'prevent-chmod-legacy.json')]));
    const converted = await node.runPod(pod('legacy-converted', { type: 'Localhost', localhostProfile: 'legacy-converted.json' }, CHMOD_THEN_MORE), { until: 'finished' });
    assert.equal(converted.outcome, 'Succeeded', JSON.stringify(converted.containers));
    assert.match(await node.logs('default', 'legacy-converted'), /chmod=1 mode=644/);
  });

  await t.test('a profile `seccomp generate` made from an strace of a busybox program runs it in a Pod; without arch_prctl the Pod fails', async () => {
    // The same static binary the image holds, traced on the host.
    const program = ['/bin/busybox', 'cat', '/etc/passwd'];
    const trace = join(work, 'cat.trace');
    const s = spawnSync('strace', ['-f', '-n', '-o', trace, ...program], { encoding: 'utf8' });
    assert.equal(s.status, 0, s.stderr);
    const text = cli(['seccomp', 'generate', '-q', '--runtime', 'runc', trace]);
    const profile = parseProfileText(text).profile;
    assert.equal(profile.defaultAction, 'SCMP_ACT_ERRNO');
    writeFileSync(join(node.seccompDir, 'busybox-cat.json'), text);
    const ok = await node.runPod(pod('generated', { type: 'Localhost', localhostProfile: 'busybox-cat.json' }, program), { until: 'finished' });
    assert.equal(ok.outcome, 'Succeeded', JSON.stringify(ok.containers));
    assert.match(await node.logs('default', 'generated'), /^root:x:0:0:/m);

    // Static glibc sets up thread-local storage with arch_prctl before main; runc's own calls do not include it.
    const without = structuredClone(profile);
    for (const r of without.syscalls) r.names = r.names.filter((n) => n !== 'arch_prctl');
    assert.ok(profile.syscalls.some((r) => r.names.includes('arch_prctl')), 'the trace shows arch_prctl');
    writeFileSync(join(node.seccompDir, 'busybox-cat-no-arch_prctl.json'), JSON.stringify(without));
    const broken = await node.runPod(pod('generated-no-arch-prctl', { type: 'Localhost', localhostProfile: 'busybox-cat-no-arch_prctl.json' }, program), { until: 'finished' });
    assert.equal(broken.outcome, 'Failed', JSON.stringify(broken.containers));
    assert.notEqual(broken.containers[0]?.exitCode, 0);
    assert.doesNotMatch(await node.logs('default', 'generated-no-arch-prctl'), /root:x/);
  });

  await t.test('a Pod whose Localhost profile is missing does not start, and `mamori scan` with the node\'s seccomp dir says so', async () => {
    const missing = pod('profile-missing', { type: 'Localhost', localhostProfile: 'not-there.json' }, ['true']);
    const manifest = join(work, 'profile-missing.json');
    writeFileSync(manifest, JSON.stringify(missing));
    const r = await node.runPod(missing, { until: 'finished' });
    assert.equal(r.outcome, 'Blocked', JSON.stringify(r.containers));
    assert.equal(r.reason, 'CreateContainerError');
    assert.match(r.message ?? '', /not-there\.json/);
    assert.equal(existsSync(join(node.seccompDir, 'not-there.json')), false);

    const scan = mamori(['scan', '-p', 'pss-baseline', '-f', 'json', '--seccomp-profile-root', node.seccompDir, manifest]);
    const found = (JSON.parse(scan.stdout) as { findings: Array<{ policyId: string; message: string }> }).findings.filter((f) => f.policyId === 'seccomp-profile-missing');
    assert.equal(found.length, 1, scan.stdout);
    assert.match(found[0]!.message, /"not-there\.json" is missing from/);

    // The profiles the Pods above ran with are found, so the same scan reports none for them.
    const present = join(work, 'present.json');
    writeFileSync(present, JSON.stringify(pod('present', { type: 'Localhost', localhostProfile: 'busybox-cat.json' }, ['true'])));
    const clean = mamori(['scan', '-p', 'pss-baseline', '-f', 'json', '--seccomp-profile-root', node.seccompDir, present]);
    assert.deepEqual((JSON.parse(clean.stdout) as { findings: Array<{ policyId: string }> }).findings.filter((f) => f.policyId === 'seccomp-profile-missing'), []);
  });

  await t.test('RuntimeDefault filters (Seccomp: 2) and refuses unshare; Unconfined does not filter', async () => {
    const probe = ['sh', '-c', 'grep ^Seccomp: /proc/self/status; unshare -U true; echo "unshare=$?"'];
    const def = await node.runPod(pod('runtime-default', { type: 'RuntimeDefault' }, probe), { until: 'finished' });
    assert.equal(def.outcome, 'Succeeded', JSON.stringify(def.containers));
    const defOut = await node.logs('default', 'runtime-default');
    assert.match(defOut, /^Seccomp:\s+2$/m);
    assert.match(defOut, /unshare=1/);

    const unconfined = await node.runPod(pod('unconfined', { type: 'Unconfined' }, probe), { until: 'finished' });
    assert.equal(unconfined.outcome, 'Succeeded', JSON.stringify(unconfined.containers));
    const unOut = await node.logs('default', 'unconfined');
    assert.match(unOut, /^Seccomp:\s+0$/m);
    assert.match(unOut, /unshare=0/);
  });

  await t.test('AppArmor: this kernel has none, so the kubelet refuses a Pod that asks for a profile (AppArmor stays proven by apparmor_parser)', async (st) => {
    if (existsSync('/sys/kernel/security/apparmor')) {
      st.skip('skipped: this kernel has AppArmor; the refusal below is what a kernel without it does');
      return;
    }
    const p = pod('apparmor-asked', undefined, ['true']);
    (p.spec as { securityContext?: unknown }).securityContext = { appArmorProfile: { type: 'RuntimeDefault' } };
    const r = await node.runPod(p, { until: 'finished' });
    assert.equal(r.phase, 'Failed');
    assert.match(`${r.reason} ${r.message}`, /AppArmor/);
  });
});
