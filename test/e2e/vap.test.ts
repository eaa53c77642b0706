// export vap against a real kube-apiserver: every policy type-checks, and real manifests are refused or warned as scan says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { requireOrSkip, startCluster, type Cluster } from '../harness/cluster.js';
import { freePort } from '../cli/run.js';
import { loadConfigFile, resolveEngineConfig } from '../../src/config/load.js';
import { Engine, InventoryIndex, type EngineConfig } from '../../src/engine/engine.js';
import { exportVap } from '../../src/export/vap.js';
import type { Finding } from '../../src/core/report.js';
import {
  collectCorpus, containersNamed, createPolicies, deletePolicies, dryRunCreate, kubernetesModuleDir, mamoriMessages, policyStatuses,
  type ApiClient, type CorpusObject, type Obj,
} from './vap-support.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const NAMESPACES = ['corpus', 'default', 'corpus', 'sandbox', 'corpus', 'lab-1'];
const CORPUS_SIZE = 400;

/** The status controller that fills status.typeChecking runs in kube-controller-manager; the harness does not start it. */
async function startTypeChecker(cluster: Cluster): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-vap-kcm-'));
  const port = await freePort();
  const proc = spawn(cluster.binaries.kubeControllerManager, [
    `--kubeconfig=${cluster.kubeconfigPath}`, '--controllers=validatingadmissionpolicy-status-controller', '--leader-elect=false',
    '--use-service-account-credentials=false', '--bind-address=127.0.0.1', `--secure-port=${port}`, `--cert-dir=${dir}`, '--profiling=false',
  ], { stdio: 'ignore' });
  proc.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return proc;
}

interface Pass { name: string; config: Record<string, unknown> }

const EXCLUDED = ['kube-system', 'gatekeeper-system', 'azure-arc', 'sandbox', 'lab-*'];
const EXCEPTIONS = [
  { policy: 'run-as-root', resource: { kind: 'Deployment', namespace: 'corpus' }, reason: 'whole objects: in matchConditions' },
  { policy: 'writable-root-filesystem', resource: { namespace: 'default' }, container: 'nginx*', reason: 'containers: in the expressions', expires: '2999-12-31' },
  { policy: 'nsa-read-only-root-filesystem', resource: { namespace: 'default' }, container: 'nginx*', reason: 'containers: in the expressions' },
];

function defenderPolicies(effect: 'Deny' | 'Audit'): Record<string, unknown> {
  const probe = resolveEngineConfig({ config: {}, file: null }, { profile: 'defender', lang: 'en' });
  const policies: Record<string, Record<string, unknown>> = {};
  for (const p of probe.policies) policies[p.check.meta.id] = { effect };
  policies['untrusted-registry']!.parameters = { allowedContainerImagesRegex: '^(registry\\.k8s\\.io|gcr\\.io)/' };
  policies['disallowed-service-port']!.parameters = { allowedServicePortsList: ['80', '443', '8000-8999'] };
  policies['missing-resource-limits']!.parameters = { cpuLimit: '2', memoryLimit: '1Gi' };
  policies['host-network-or-port']!.parameters = { allowHostNetwork: false, minPort: 8000, maxPort: 9000 };
  policies['disallowed-host-path']!.parameters = { allowedHostPaths: { paths: [{ pathPrefix: '/var/log', readOnly: true }, { pathPrefix: '/etc/ssl' }] } };
  policies['disallowed-capabilities']!.parameters = { allowedCapabilities: ['NET_BIND_SERVICE'], requiredDropCapabilities: ['NET_RAW'] };
  return policies;
}

const PASSES: Pass[] = [
  { name: 'defender, every check Deny', config: { profile: 'defender', excludedNamespaces: EXCLUDED, policies: defenderPolicies('Deny'), exceptions: EXCEPTIONS } },
  { name: 'defender, every check Audit', config: { profile: 'defender', excludedNamespaces: EXCLUDED, policies: defenderPolicies('Audit'), exceptions: EXCEPTIONS } },
  { name: 'nsa (Audit)', config: { profile: 'nsa', excludedNamespaces: EXCLUDED, exceptions: EXCEPTIONS } },
];

/** scan's verdict on one object alone (an admission request carries no other objects): open findings by policy. */
function scanOne(cfg: EngineConfig, o: Obj): { findings: Finding[]; error: boolean } {
  const engine = new Engine(cfg, new InventoryIndex(cfg.defaultNamespace));
  const findings = engine.evaluate({ object: structuredClone(o) });
  return { findings: findings.filter((f) => f.status === 'open'), error: engine.report().errors.length > 0 };
}

function byPolicy(findings: Finding[], exported: Set<string>): Map<string, { effect: string; containers: string[] }> {
  const out = new Map<string, { effect: string; containers: string[] }>();
  for (const f of findings) {
    if (!exported.has(f.policyId)) continue;
    const e = out.get(f.policyId) ?? { effect: f.effect, containers: [] };
    if (f.container !== null && !e.containers.includes(f.container)) e.containers.push(f.container);
    out.set(f.policyId, e);
  }
  for (const e of out.values()) e.containers.sort();
  return out;
}

async function waitTypeChecked(api: ApiClient, count: number): Promise<{ name: string; warnings: unknown[] }[]> {
  for (let i = 0; i < 240; i++) {
    const items = await policyStatuses(api);
    if (items.length === count && items.every((p) => p.typeChecking && p.observedGeneration === p.generation)) {
      return items.map((p) => ({ name: p.name, warnings: p.typeChecking!.expressionWarnings ?? [] }));
    }
    await sleep(500);
  }
  throw new Error('status.typeChecking never appeared on every policy');
}

/** One object per kind of policy that violates them (probes of Deny passes are refused, of Audit passes warned). */
const PROBES: Obj[] = [
  {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe', namespace: 'default' },
    spec: { containers: [{ name: 'probe', image: 'docker.io/library/busybox', securityContext: { privileged: true } }] },
  },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'probe', namespace: 'default' }, spec: { ports: [{ port: 1 }] } },
  {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'probe', namespace: 'default' },
    spec: { ingressClassName: 'nginx', defaultBackend: { service: { name: 'probe', port: { number: 80 } } } },
  },
];

async function waitUntil(what: string, cond: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await cond()) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting until ${what}`);
}

test('export vap: every policy type-checks, and real manifests are refused or warned exactly as scan judges them', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(t)) return;
  const k8s = kubernetesModuleDir();
  if (!k8s) {
    if (process.env.CI === 'true') assert.fail('the k8s.io/kubernetes module is missing under CI (tools/k8s/install.sh downloads it)');
    t.skip('skipped: needs the k8s.io/kubernetes v1.35.4 module under ~/go/pkg/mod (tools/k8s/install.sh)');
    return;
  }
  const corpus: CorpusObject[] = collectCorpus([join(root, 'examples'), ...['test', 'hack/testdata', 'cluster', 'plugin'].map((d) => join(k8s, d))], NAMESPACES, CORPUS_SIZE, 12);
  assert.ok(corpus.length >= 250, `corpus: ${corpus.length} objects`);

  const cluster = await startCluster();
  const checker = await startTypeChecker(cluster);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-vap-'));
  const api: ApiClient = { server: cluster.server, token: cluster.token, caPem: cluster.caPem };
  const problems: string[] = [];
  const stats: string[] = [];
  try {
    for (const ns of ['corpus', 'sandbox', 'lab-1']) await cluster.createNamespace(ns);
    for (const pass of PASSES) {
      const file = join(dir, 'mamori.yaml');
      writeFileSync(file, stringify(pass.config));
      const cfg = resolveEngineConfig(loadConfigFile(file), { lang: 'en', today: '2026-11-30' });
      const out = exportVap(cfg);
      const exported = new Set(out.rows.filter((r) => r.status !== 'not exported').map((r) => r.policyId));
      await createPolicies(api, out.documents);
      for (const p of await waitTypeChecked(api, exported.size)) {
        if (p.warnings.length > 0) problems.push(`${pass.name}: ${p.name}: type checking: ${JSON.stringify(p.warnings)}`);
      }
      // the API server loads new policies asynchronously: every probe must be judged by all of its policies first
      for (const probe of PROBES) {
        const expected = byPolicy(scanOne(cfg, probe).findings, exported);
        const deny = [...expected.values()].some((e) => e.effect === 'Deny');
        await waitUntil(`${pass.name}: the policies for ${String(probe.kind)} are in force`, async () => {
          const r = await dryRunCreate(api, probe);
          return deny ? r.status !== 201 && r.message.includes('ValidatingAdmissionPolicy') : mamoriMessages(r.warnings).length === expected.size;
        });
      }
      const deny = pass.config.policies !== undefined && Object.values(pass.config.policies as Record<string, { effect?: string }>).some((p) => p.effect === 'Deny');

      let compared = 0;
      let refused = 0;
      let skipped = 0;
      for (const item of corpus) {
        const scan = scanOne(cfg, item.object);
        const res = await dryRunCreate(api, item.object);
        const fromPolicy = res.status !== 201 && res.message.includes('ValidatingAdmissionPolicy');
        if (scan.error || (res.status !== 201 && !fromPolicy)) { skipped++; continue; }
        compared++;
        const where = `${pass.name}: ${item.source} ${String(item.object.kind)}/${String((item.object.metadata as Obj).name ?? (item.object.metadata as Obj).generateName)} in ${String((item.object.metadata as Obj).namespace)}`;
        const expected = byPolicy(scan.findings, exported);
        const denied = [...expected].filter(([, e]) => e.effect === 'Deny').map(([id]) => id);
        if (fromPolicy) refused++;
        if ((denied.length > 0) !== fromPolicy) {
          problems.push(`${where}: scan Deny findings [${denied.join(', ')}], API server ${fromPolicy ? `refused: ${res.message}` : 'admitted'}`);
          continue;
        }
        if (fromPolicy) {
          const [m] = mamoriMessages([res.message]);
          if (!m || !denied.includes(m.policyId)) problems.push(`${where}: refused by ${m?.policyId ?? res.message}, scan denies [${denied.join(', ')}]`);
          else if (JSON.stringify(containersNamed(m.text)) !== JSON.stringify(expected.get(m.policyId)!.containers)) {
            problems.push(`${where}: ${m.policyId} names containers ${JSON.stringify(containersNamed(m.text))}, scan ${JSON.stringify(expected.get(m.policyId)!.containers)}`);
          }
          continue;
        }
        const messages = mamoriMessages(res.warnings);
        const warned = new Map(messages.map((m) => [m.policyId, containersNamed(m.text)]));
        const cut = new Set(messages.filter((m) => m.cut).map((m) => m.policyId));
        const want = [...expected].filter(([, e]) => e.effect !== 'Deny');
        const wantIds = want.map(([id]) => id).sort();
        if (JSON.stringify(wantIds) !== JSON.stringify([...warned.keys()].sort())) {
          problems.push(`${where}: scan Audit findings [${wantIds.join(', ')}], warnings [${[...warned.keys()].sort().join(', ')}]`);
          continue;
        }
        for (const [id, e] of want) {
          const named = warned.get(id)!;
          // a warning the API server cut short names fewer containers, never others
          const same = cut.has(id) ? named.every((n) => e.containers.includes(n)) : JSON.stringify(named) === JSON.stringify(e.containers);
          if (!same) problems.push(`${where}: ${id} warns about ${JSON.stringify(named)}, scan ${JSON.stringify(e.containers)}`);
        }
      }
      stats.push(`${pass.name}: ${exported.size} policies, ${compared} objects compared (${refused} refused), ${skipped} not comparable`);
      assert.ok(compared >= 150, `${pass.name}: only ${compared} objects compared (${skipped} rejected by the API server or unreadable to scan)`);

      // what a user sees: kubectl prints each Warn binding's message, or the refusal of the first Deny binding
      const k = await cluster.kubectl(['create', '--dry-run=server', '-n', 'corpus', '-f', join(root, 'examples', 'redis-unhealthy.yaml')]);
      const shown = deny
        ? k.code !== 0 && /ValidatingAdmissionPolicy 'mamori-[a-z-]+' with binding 'mamori-[a-z-]+' denied request: \[mamori /.test(k.stderr)
        : k.code === 0 && /Warning: Validation failed for ValidatingAdmissionPolicy 'mamori-[a-z-]+' with binding 'mamori-[a-z-]+': \[mamori /.test(k.stderr);
      if (!shown) problems.push(`${pass.name}: kubectl create --dry-run=server examples/redis-unhealthy.yaml: exit ${k.code}: ${k.stderr}`);

      await deletePolicies(api);
      await waitUntil(`${pass.name}: the policies are gone`, async () => {
        for (const probe of PROBES) {
          const r = await dryRunCreate(api, probe);
          if (r.status !== 201 || mamoriMessages(r.warnings).length > 0) return false;
        }
        return true;
      });
    }
    t.diagnostic(stats.join('\n'));
    assert.deepEqual(problems, []);
  } finally {
    checker.kill();
    await cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
