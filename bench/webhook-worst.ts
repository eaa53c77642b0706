// The worst objects a caller can send: a Pod with 20,000 volumes and mounts, one with 25,000 containers.
// node --import tsx bench/webhook-worst.ts [--profile defender] — engine time by size (linear?), then decide() with the limits.
import { resolveEngineConfig } from '../src/config/load.js';
import { Engine, InventoryIndex, type EngineConfig } from '../src/engine/engine.js';
import { decide } from '../src/webhook/admission.js';
import { DEFAULT_LIMITS } from '../src/webhook/bounded.js';

const profileArg = process.argv.indexOf('--profile');
const profiles = profileArg > 0 ? [process.argv[profileArg + 1]!] : ['defender', 'pss-restricted', 'nsa'];

/** Every policy of the profile on, Deny, configured so none waits for parameters. */
function config(profile: string): EngineConfig {
  const probe = resolveEngineConfig({ config: {}, file: null }, { profile, lang: 'en' });
  const policies: Record<string, { effect: 'Deny'; parameters?: Record<string, unknown> }> = {};
  for (const p of probe.policies) policies[p.check.meta.id] = { effect: 'Deny' };
  if (policies['untrusted-registry']) policies['untrusted-registry'].parameters = { allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$' };
  if (policies['disallowed-host-path']) policies['disallowed-host-path'].parameters = { allowedHostPaths: { paths: [{ pathPrefix: '/var/log', readOnly: true }] } };
  return resolveEngineConfig({ config: { profile, policies }, file: null }, { profile, lang: 'en', admission: true });
}

function volumesPod(n: number): Record<string, unknown> {
  const volumes = Array.from({ length: n }, (_, i) => ({ name: `v${i}`, hostPath: { path: `/var/log/p${i}` } }));
  const volumeMounts = Array.from({ length: n }, (_, i) => ({ name: `v${i}`, mountPath: `/m/${i}` }));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'volumes', namespace: 'shop' }, spec: { volumes, containers: [{ name: 'c', image: 'nginx', volumeMounts }] } };
}

function containersPod(n: number): Record<string, unknown> {
  const containers = Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'nginx', securityContext: { privileged: true, capabilities: { add: ['SYS_ADMIN'] } }, ports: [{ containerPort: 80, hostPort: 80 + (i % 1000) }] }));
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'containers', namespace: 'shop' }, spec: { containers } };
}

function review(object: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', namespace: 'shop', kind: { group: '', version: 'v1', kind: 'Pod' }, object } });
}

/** CPU milliseconds of fn on this thread (user + system): wall time on a shared 2-core machine says more about the neighbours. */
function ms(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1e3;
}

for (const profile of profiles) {
  const cfg = config(profile);
  console.log(`profile ${profile} (${cfg.policies.length} policies, all Deny)`);
  for (const [label, make, sizes] of [['volumes+mounts', volumesPod, [2500, 5000, 10000, 20000]], ['containers', containersPod, [3125, 6250, 12500, 25000]]] as const) {
    for (const n of sizes) {
      const object = make(n);
      const text = review(object);
      let findings = 0;
      // Engine with no limit: what the work per object costs, and whether it grows linearly.
      const engineMs = ms(() => { findings = new Engine(cfg, new InventoryIndex('shop')).evaluate({ object }).length; });
      let allowed = true;
      let answerBytes = 0;
      // The webhook's path: parse, size check (refused beyond the limits), answer.
      const decideMs = ms(() => {
        const out = decide(JSON.parse(text), cfg, DEFAULT_LIMITS);
        allowed = out.review.response.allowed;
        answerBytes = JSON.stringify(out.review).length;
      });
      console.log(`  ${label} ${n}: body ${(text.length / 2 ** 20).toFixed(2)} MiB; engine ${engineMs.toFixed(0)} ms CPU (${findings} findings); webhook decide ${decideMs.toFixed(1)} ms CPU, allowed ${allowed}, answer ${answerBytes} B`);
    }
  }
}
console.log(`rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
