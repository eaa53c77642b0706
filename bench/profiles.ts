// Benchmarks Engine.evaluate per document for each profile (defender, pss-*, nsa) over workloads generated in memory.
// Usage: node --import tsx bench/profiles.ts [--docs 5000] [--runs 5]
import { performance } from 'node:perf_hooks';
import { resolveEngineConfig } from '../src/config/load.js';
import { resolveProfile } from '../src/profiles/index.js';
import { checkById } from '../src/checks/index.js';
import { Engine, InventoryIndex } from '../src/engine/engine.js';
import type { Obj } from '../src/k8s/values.js';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const DOCS = arg('docs', 5000);
const RUNS = arg('runs', 5);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const NAMESPACES = ['prod', 'staging', 'dev', 'tools', 'kube-system'];

function container(r: () => number, name: string): Obj {
  const risky = r() < 0.4;
  const sc: Obj = {};
  if (r() < 0.8) sc.allowPrivilegeEscalation = risky;
  if (risky && r() < 0.3) sc.privileged = true;
  if (r() < 0.6) sc.readOnlyRootFilesystem = !risky;
  if (r() < 0.5) sc.capabilities = risky ? { add: ['NET_ADMIN', 'SYS_TIME'] } : { drop: ['ALL'] };
  if (r() < 0.3) sc.runAsUser = risky ? 0 : 1000;
  if (r() < 0.3) sc.seccompProfile = { type: risky ? 'Unconfined' : 'RuntimeDefault' };
  return {
    name,
    image: `${r() < 0.5 ? 'contoso.azurecr.io' : 'docker.io/library'}/${name}:${Math.floor(r() * 20)}`,
    ports: [{ containerPort: 8080, ...(risky && r() < 0.2 ? { hostPort: 8080 } : {}) }],
    env: Array.from({ length: 5 }, (_, i) => ({ name: `VAR_${i}`, value: `v${i}` })),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, ...(r() < 0.7 ? { limits: { cpu: '1', memory: '512Mi' } } : {}) },
    readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
    securityContext: sc,
  };
}

function workload(r: () => number, i: number): Obj {
  const name = `app-${i}`;
  const spec: Obj = {
    containers: Array.from({ length: 1 + Math.floor(r() * 3) }, (_, j) => container(r, `c${j}`)),
    ...(r() < 0.3 ? { initContainers: [container(r, 'init')] } : {}),
    ...(r() < 0.1 ? { hostNetwork: true } : {}),
    ...(r() < 0.5 ? { securityContext: { runAsNonRoot: r() < 0.8, fsGroup: 2000, seccompProfile: { type: 'RuntimeDefault' } } } : {}),
    volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }, ...(r() < 0.15 ? [{ name: 'host', hostPath: { path: '/var/log' } }] : [])],
  };
  const template = { metadata: { labels: { app: name, tier: r() < 0.5 ? 'front' : 'back' }, annotations: r() < 0.1 ? { 'container.apparmor.security.beta.kubernetes.io/c0': 'runtime/default' } : {} }, spec };
  return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: NAMESPACES[i % NAMESPACES.length] }, spec: { replicas: 2, selector: { matchLabels: { app: name } }, template } };
}

const r = rng(42);
const docs = Array.from({ length: DOCS }, (_, i) => workload(r, i));
const context: Obj[] = [
  ...NAMESPACES.map((n, i) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n, labels: i % 2 === 0 ? { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' } : { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.30' } } })),
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'front', namespace: 'prod' }, spec: { podSelector: { matchLabels: { tier: 'front' } } } },
];

function bench(profileName: string): { perDocUs: number; checks: number; findings: number } {
  const profile = resolveProfile(profileName)!;
  const only = Object.keys(profile.policies).filter((id) => checkById(id));
  const cfg = resolveEngineConfig({ config: {}, file: null }, { profile: profileName, lang: 'en', only, today: '2026-11-22' });
  const times: number[] = [];
  let findings = 0;
  for (let run = 0; run < RUNS + 1; run++) {
    const inventory = new InventoryIndex('default');
    for (const o of context) inventory.add(o);
    const engine = new Engine(cfg, inventory);
    const t0 = performance.now();
    for (const d of docs) findings += run === 0 ? 0 : engine.evaluate({ object: d }).length;
    if (run > 0) times.push(performance.now() - t0); // run 0 warms the JIT
  }
  times.sort((a, b) => a - b);
  return { perDocUs: (times[Math.floor(times.length / 2)]! * 1000) / DOCS, checks: only.length, findings: findings / RUNS };
}

const results: Record<string, ReturnType<typeof bench>> = {};
let peak = 0;
for (const p of ['defender', 'pss-baseline', 'pss-restricted', 'pss-namespace', 'nsa']) {
  results[p] = bench(p);
  peak = Math.max(peak, process.memoryUsage().rss);
}
const base = results.defender!.perDocUs;
console.log(`documents: ${DOCS} Deployments (1-3 containers, 30% with an init container), runs: ${RUNS} (median), node ${process.version}`);
console.log('| profile | checks | µs / document | × defender | findings / run |');
console.log('| --- | --- | --- | --- | --- |');
for (const [p, v] of Object.entries(results)) console.log(`| ${p} | ${v.checks} | ${v.perDocUs.toFixed(1)} | ${(v.perDocUs / base).toFixed(2)} | ${v.findings} |`);
console.log(`peak RSS: ${(peak / 1024 / 1024).toFixed(0)} MiB`);
