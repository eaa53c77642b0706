// In-process cost of one admission decision (JSON parse + engine + answer), without TLS or a load generator.
// node --import tsx bench/webhook-decide.ts
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { resolveEngineConfig } from '../src/config/load.js';
import { decide } from '../src/webhook/admission.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cfg = resolveEngineConfig({ config: {
  policies: {
    'untrusted-registry': { effect: 'Deny', parameters: { allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$' } },
    'disallowed-service-port': { parameters: { allowedServicePortsList: ['80', '443'] } },
  },
}, file: null }, { profile: 'defender', lang: 'en' });

function body(file: string): string {
  const dep = parseAllDocuments(readFileSync(join(root, 'examples', file), 'utf8')).map((d) => d.toJS()).find((d) => d?.kind === 'Deployment');
  return JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request: { uid: 'u', operation: 'CREATE', namespace: 'shop', kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, object: dep } });
}

for (const file of ['redis-unhealthy.yaml', 'redis-healthy.yaml']) {
  const text = body(file);
  const run = (n: number): number[] => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = process.hrtime.bigint();
      JSON.stringify(decide(JSON.parse(text), cfg).review);
      times.push(Number(process.hrtime.bigint() - t0) / 1e3);
    }
    return times.sort((a, b) => a - b);
  };
  run(2000);
  const t = run(20000);
  const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * t.length))]!.toFixed(0);
  const mean = t.reduce((a, b) => a + b, 0) / t.length;
  console.log(`${file}: ${t.length} decisions, mean ${mean.toFixed(0)} µs, p50 ${q(0.5)} µs, p99 ${q(0.99)} µs, p99.9 ${q(0.999)} µs → ${Math.round(1e6 / mean)} decisions/s on one core; rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}
