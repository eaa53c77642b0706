// `mamori seccomp record` on a real node: a busybox Pod under the logging profile is recorded from /dev/kmsg by its Pod UID; the recorded profile runs it, and without chmod it fails.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../harness/cluster.js';
import { requireNodeOrSkip, startNode, type Node } from '../harness/node.js';
import { mamori } from '../kernel/helpers.js';
import { startRecorder } from '../kernel/record-helpers.js';
import { parseProfileText, type Profile } from '../../src/seccomp/profile.js';
import { profileToJson } from '../../src/seccomp/write.js';

const work = mkdtempSync(join(tmpdir(), 'mamori-node-record-'));
test.after(() => rmSync(work, { recursive: true, force: true }));

const SCRIPT = 'mkdir -p /tmp/d && chmod 700 /tmp/d && echo recorded > /tmp/d/out && cat /tmp/d/out && ls -ld /tmp/d';

/** The profile on the container, not the Pod: the sandbox (pause) then never logs, and only the workload is recorded. */
function pod(name: string, localhostProfile: string): Record<string, unknown> {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: {
      restartPolicy: 'Never', automountServiceAccountToken: false,
      containers: [{ name: 'app', image: 'mamori.local/busybox:1.35', command: ['sh', '-c', SCRIPT], securityContext: { seccompProfile: { type: 'Localhost', localhostProfile } } }],
    },
  };
}

async function kubectl(cluster: Cluster, args: string[], input?: string): Promise<string> {
  const r = await cluster.kubectl(args, input);
  assert.equal(r.code, 0, `kubectl ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('seccomp record on a real node (containerd + runc + kubelet)', { timeout: 15 * 60_000 }, async (t) => {
  if (!requireNodeOrSkip(t)) return;
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  const node: Node = await startNode(cluster);
  t.after(() => node.stop());

  const log = mamori(['seccomp', 'record', '-q', '--log-profile', join(node.seccompDir, 'mamori-record.json')]);
  assert.equal(log.status, 0, log.stderr);

  // The Pod is created unbound (no scheduler runs), its UID handed to the recorder, and only then bound to the node:
  // the recorder reads the kernel log before the container's first call.
  let recorded: Profile | null = null;
  let spoText = '';
  let lastReport = '';
  for (let attempt = 1; attempt <= 3 && !recorded; attempt++) {
    const name = `recorded-${attempt}`;
    await kubectl(cluster, ['apply', '-f', '-'], JSON.stringify(pod(name, 'mamori-record.json')));
    const uid = (await kubectl(cluster, ['get', 'pod', name, '-o', 'jsonpath={.metadata.uid}'])).trim();
    const out = join(work, `${name}.json`);
    const spo = join(work, `${name}.yaml`);
    const reportFile = join(work, `${name}-report.json`);
    const rec = startRecorder(['--pod-uid', uid, '--until-exit', '--lift-ratelimit', '-o', out, '--spo', spo, '--name', 'busybox-script', '--report', reportFile], 5 * 60_000);
    await rec.ready;
    await kubectl(cluster, ['create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: node.name } }));
    const ran = await node.waitForPod('default', name, { until: 'finished', timeoutMs: 120_000 });
    assert.equal(ran.outcome, 'Succeeded', JSON.stringify(ran.containers));
    assert.match(await node.logs('default', name), /^recorded\ndrwx------/);
    const r = await rec.done;
    lastReport = r.stderr;
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { gaps: string[]; tally: { kept: number }; processes: Array<{ comm: string | null }> };
    assert.ok(report.tally.kept > 10, r.stderr);
    if (report.gaps.some((g) => /overwritten|dropped \d+ audit records|backlog/.test(g))) { t.diagnostic(`attempt ${attempt}: records were lost, recording again`); continue; }
    recorded = parseProfileText(readFileSync(out, 'utf8')).profile;
    spoText = readFileSync(spo, 'utf8');
    t.diagnostic(`recorded ${recorded.syscalls[0]!.names.length} syscalls from ${report.processes.map((p) => p.comm).join(', ')}`);
    // the report as a user reads it, up to the Pod wiring hint
    for (const l of r.stderr.slice(0, r.stderr.indexOf('\n# Node:')).split('\n').slice(0, 40)) t.diagnostic(l);
  }
  assert.ok(recorded, `no recording without lost records in 3 attempts:\n${lastReport}`);
  const names = recorded.syscalls[0]!.names;
  for (const n of ['execve', 'mkdir', 'chmod', 'exit_group']) assert.ok(names.includes(n), `${n} recorded: ${names.join(' ')}`);
  const spo = parseProfileText(spoText);
  assert.equal(spo.crdName, 'busybox-script');
  assert.deepEqual(spo.profile.syscalls[0]!.names, names);

  writeFileSync(join(node.seccompDir, 'recorded.json'), profileToJson(recorded));
  const ok = await node.runPod(pod('runs-recorded', 'recorded.json'), { until: 'finished', timeoutMs: 120_000 });
  assert.equal(ok.outcome, 'Succeeded', `the workload under its recorded profile: ${JSON.stringify(ok.containers)}`);
  assert.match(await node.logs('default', 'runs-recorded'), /^recorded\n/);

  const without: Profile = { ...recorded, syscalls: [{ ...recorded.syscalls[0]!, names: names.filter((n) => n !== 'chmod') }] };
  writeFileSync(join(node.seccompDir, 'recorded-without-chmod.json'), profileToJson(without));
  const broken = await node.runPod(pod('without-chmod', 'recorded-without-chmod.json'), { until: 'finished', timeoutMs: 120_000 });
  assert.equal(broken.outcome, 'Failed', JSON.stringify(broken.containers));
  assert.match(await node.logs('default', 'without-chmod'), /chmod: \/tmp\/d: Operation not permitted/);
});
