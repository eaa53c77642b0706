// `kubectl mamori …` through the harness's pinned kubectl: found on PATH, kubectl's --kubeconfig/--context/-n honoured before or after the sub-command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { ROOT, ensureBuilt } from '../cli/run.js';
import { requireOrSkip, startCluster } from '../harness/cluster.js';

test('the krew manifest template: a valid Plugin once filled, whose bin the package ships', () => {
  const text = readFileSync(join(ROOT, 'deploy', 'krew', 'mamori.yaml'), 'utf8');
  const filled = parse(text.replaceAll('${VERSION}', '1.2.3').replaceAll('${SHA256}', 'a'.repeat(64))) as { apiVersion: string; kind: string; metadata: { name: string }; spec: { version: string; shortDescription: string; platforms: Array<{ uri: string; sha256: string; bin: string; files: Array<{ from: string; to: string }> }> } };
  assert.equal(filled.apiVersion, 'krew.googlecontainertools.github.com/v1alpha2');
  assert.equal(filled.kind, 'Plugin');
  assert.equal(filled.metadata.name, 'mamori');
  assert.equal(filled.spec.version, 'v1.2.3');
  assert.ok(filled.spec.shortDescription.length <= 70, 'krew keeps short descriptions short');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
  for (const p of filled.spec.platforms) {
    assert.match(p.uri, /^https:\/\/.+v1\.2\.3\.tar\.gz$/);
    assert.match(p.sha256, /^[0-9a-f]{64}$/);
    assert.equal(p.bin, pkg.bin['kubectl-mamori']);
  }
  assert.ok(pkg.files.includes('bin') && pkg.files.includes('dist'));
});

test('kubectl mamori: a kubectl plugin on PATH, honouring --kubeconfig, --context and -n', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  ensureBuilt();
  const cluster = await startCluster();
  t.after(() => cluster.stop());
  await cluster.createNamespace('shop');
  await cluster.createNamespace('ops');
  const pod = (ns: string, name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns }, spec: { containers: [{ name: 'c', image: 'registry.example/app:1', securityContext: { privileged: true } }] } });
  const applied = await cluster.kubectl(['apply', '-f', '-'], [pod('shop', 'cart'), pod('ops', 'debug')].map((o) => `---\n${stringify(o)}`).join(''));
  assert.equal(applied.code, 0, applied.stderr);

  // A kubeconfig whose current context points nowhere: only --context reaches the cluster.
  const dir = mkdtempSync(join(tmpdir(), 'mamori-kubectl-plugin-'));
  const kc = parse(readFileSync(cluster.kubeconfigPath, 'utf8')) as { clusters: Array<{ name: string; cluster: Record<string, string> }>; contexts: Array<{ name: string; context: Record<string, string> }>; 'current-context': string };
  kc.clusters.push({ name: 'nowhere', cluster: { server: 'https://127.0.0.1:9' } });
  kc.contexts.push({ name: 'nowhere', context: { cluster: 'nowhere', user: kc.contexts[0]!.context.user! } });
  kc['current-context'] = 'nowhere';
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, stringify(kc), { mode: 0o600 });
  const good = kc.contexts[0]!.name;

  // What npm install -g leaves on PATH: the package's bin under its bin name.
  const binDir = mkdtempSync(join(tmpdir(), 'mamori-kubectl-plugin-bin-'));
  symlinkSync(join(ROOT, 'bin', 'kubectl-mamori.js'), join(binDir, 'kubectl-mamori'));
  const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}`, NO_COLOR: '1', KUBECONFIG: '', HOME: dir };
  const kubectl = (args: string[], extraEnv: Record<string, string> = {}) => {
    const r = spawnSync(cluster.binaries.kubectl, args, { env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 120_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  };
  const namespaces = (stdout: string): string[] => [...new Set((JSON.parse(stdout) as { findings: Array<{ policyId: string; resource: { namespace: string } }> }).findings.filter((f) => f.policyId === 'privileged-container').map((f) => f.resource.namespace))].sort();

  const list = kubectl(['plugin', 'list']);
  assert.match(list.stdout, /kubectl-mamori/, list.stderr);

  const help = kubectl(['mamori', '--help']);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Usage: kubectl mamori /m);

  const after = kubectl(['mamori', 'audit', '--kubeconfig', kubeconfig, '--context', good, '-n', 'shop', '--format', 'json']);
  assert.equal(after.code, 1, after.stderr);
  assert.deepEqual(namespaces(after.stdout), ['shop']);

  const before = kubectl(['mamori', `--kubeconfig=${kubeconfig}`, '--context', good, '-nops', 'audit', '--format', 'json']);
  assert.equal(before.code, 1, before.stderr);
  assert.deepEqual(namespaces(before.stdout), ['ops']);

  // KUBECONFIG as kubectl reads it; without --context the current context (nowhere) fails with a clear exit 2.
  const all = kubectl(['mamori', 'audit', '--context', good, '--format', 'json'], { KUBECONFIG: kubeconfig });
  assert.equal(all.code, 1, all.stderr);
  assert.deepEqual(namespaces(all.stdout), ['ops', 'shop']);
  const nowhere = kubectl(['mamori', 'audit', '--format', 'json'], { KUBECONFIG: kubeconfig });
  assert.equal(nowhere.code, 2, nowhere.stdout);
  assert.match(nowhere.stderr, /127\.0\.0\.1:9/);
  const unknown = kubectl(['mamori', 'audit', '--context', 'staging'], { KUBECONFIG: kubeconfig });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /--context staging: no such context/);

  const rbac = kubectl(['mamori', '--context', good, 'rbac', '--cluster', '--format', 'json'], { KUBECONFIG: kubeconfig });
  assert.ok(rbac.code === 0 || rbac.code === 1, rbac.stderr);
  assert.equal((JSON.parse(rbac.stdout) as { tool: { name: string } }).tool.name, 'mamori');
});
