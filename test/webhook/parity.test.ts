// Same verdict everywhere: every manifest of mamori's corpus through scan and through the webhook over HTTPS, same findings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import https from 'node:https';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveEngineConfig } from '../../src/config/load.js';
import type { MamoriConfig } from '../../src/config/schema.js';
import type { EngineConfig } from '../../src/engine/engine.js';
import { scanPaths } from '../../src/scan/scan.js';
import { parseManifests } from '../../src/source/load.js';
import { profileNames } from '../../src/profiles/index.js';
import { str, obj } from '../../src/k8s/values.js';
import { startServer, type WebhookServer } from '../../src/webhook/server.js';
import { generateSelfSigned } from '../../src/webhook/x509.js';
import { WEBHOOK_RULES } from '../../src/webhook/webhook-config.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The corpus: examples/ and every YAML fixture under test/fixtures. */
function corpus(): string[] {
  const out: string[] = [];
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) { for (const e of readdirSync(p).sort()) walk(join(p, e)); return; }
    if (/\.ya?ml$/.test(p)) out.push(p);
  };
  walk(join(root, 'examples'));
  walk(join(root, 'test', 'fixtures'));
  return out;
}

/** Kinds the webhook configuration sends, from its own rules (one source of truth). */
const RESOURCE_KIND: Record<string, string> = {
  pods: 'Pod', podtemplates: 'PodTemplate', replicationcontrollers: 'ReplicationController', services: 'Service', serviceaccounts: 'ServiceAccount',
  deployments: 'Deployment', replicasets: 'ReplicaSet', statefulsets: 'StatefulSet', daemonsets: 'DaemonSet', jobs: 'Job', cronjobs: 'CronJob', ingresses: 'Ingress',
};
const JUDGED_KINDS = new Set(WEBHOOK_RULES.flatMap((r) => r.resources).filter((r) => !r.includes('/')).map((r) => RESOURCE_KIND[r]!));

/** A configuration that makes every check run: parameters set, half the policies Deny, an exception in the ledger. */
function configFor(profile: string): EngineConfig {
  const base = resolveEngineConfig({ config: {}, file: null }, { profile, lang: 'en' });
  const policies: NonNullable<MamoriConfig['policies']> = {
    'untrusted-registry': { parameters: { allowedContainerImagesRegex: '^[^/]+\\.azurecr\\.io/.+$' } },
    'disallowed-service-port': { parameters: { allowedServicePortsList: ['443'] } },
  };
  base.policies.forEach((p, i) => {
    const id = p.check.meta.id;
    policies[id] = { ...policies[id], effect: i % 2 === 0 ? 'Deny' : 'Audit' };
  });
  const config: MamoriConfig = {
    profile,
    policies: Object.fromEntries(Object.entries(policies).filter(([id]) => base.policies.some((p) => p.check.meta.id === id))),
    exceptions: [{ policy: '*', resource: { kind: 'Deployment', name: 'redis-healthy-*' }, reason: 'parity: the ledger applies in both places' }],
  };
  return resolveEngineConfig({ config, file: null }, { profile, lang: 'en' });
}

const certs = await generateSelfSigned({ hosts: ['127.0.0.1'] });
let current: EngineConfig;
let srv: WebhookServer;
before(async () => {
  srv = await startServer({ tls: certs, config: () => current, port: 0, host: '127.0.0.1', log: () => {} });
});
after(async () => { await srv.shutdown(1000); });

function post(body: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- an AdmissionReview as JSON
  const data = JSON.stringify(body);
  return new Promise((res, rej) => {
    const req = https.request({ host: '127.0.0.1', port: srv.port, path: '/validate', method: 'POST', ca: certs.caPem, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (r) => {
      let b = '';
      r.on('data', (c) => { b += c; });
      r.on('end', () => res({ status: r.statusCode!, json: JSON.parse(b) }));
    });
    req.on('error', rej);
    req.end(data);
  });
}

/** policy|Kind|namespace/name|container, read back from what kubectl would print: the denial text and the warnings. */
function fromResponse(resp: { allowed: boolean; status?: { message: string }; warnings?: string[] }, id: string): string[] {
  const out: string[] = [];
  if (resp.status?.message) {
    let policy = '';
    for (const line of resp.status.message.split('\n').slice(1)) {
      const head = /^\[([a-z0-9-]+)\]/.exec(line);
      if (head) { policy = head[1]!; continue; }
      const item = /^ {2}-(?: container "(.*?)" at)? /.exec(line);
      if (item) out.push(`${policy}|${id}|${item[1] ?? ''}`);
    }
  }
  for (const w of resp.warnings ?? []) {
    const m = /^\[([a-z0-9-]+)\](?: container "(.*?)")?:/.exec(w);
    assert.ok(m, `unreadable warning: ${w}`);
    out.push(`${m[1]}|${id}|${m[2] ?? ''}`);
  }
  return out.sort();
}

const profiles = ['defender', 'pss-restricted', 'nsa', 'pss-baseline'].filter((p) => profileNames().includes(p));

for (const profile of profiles) {
  test(`scan and the webhook give the same findings for the whole corpus (${profile})`, async () => {
    current = configFor(profile);
    let compared = 0;
    let withFindings = 0;
    for (const file of corpus()) {
      const name = relative(root, file);
      const report = await scanPaths([file], current);
      const { objects } = parseManifests(file, readFileSync(file, 'utf8'));
      for (const { object } of objects) {
        const kind = str(object.kind) ?? '';
        const meta = obj(object.metadata) ?? {};
        const ns = str(meta.namespace) || current.defaultNamespace;
        const id = `${kind}|${ns}/${str(meta.name) ?? str(meta.generateName) ?? ''}`;
        const scanned = report.findings
          .filter((f) => f.status === 'open' && `${f.resource.kind}|${f.resource.namespace}/${f.resource.name}` === id)
          .map((f) => `${f.policyId}|${id}|${f.container ?? ''}`).sort();
        if (!JUDGED_KINDS.has(kind)) {
          // The webhook never sees this kind; scan must not fault it either, or CI and admission would disagree.
          assert.deepEqual(scanned, [], `${name}: ${id} has scan findings but the webhook is not sent ${kind}`);
          continue;
        }
        const apiVersion = str(object.apiVersion) ?? 'v1';
        const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
        const { status, json } = await post({
          apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview',
          request: { uid: `${name}#${compared}`, kind: { group, version, kind }, operation: 'CREATE', namespace: ns, name: str(meta.name), object, userInfo: { username: 'parity' } },
        });
        assert.equal(status, 200, `${name}: ${id}`);
        const admitted = fromResponse(json.response, id);
        assert.deepEqual(admitted, scanned, `${name}: ${id} (${profile})`);
        const denies = report.findings.some((f) => f.status === 'open' && f.effect === 'Deny' && `${f.resource.kind}|${f.resource.namespace}/${f.resource.name}` === id);
        assert.equal(json.response.allowed, !denies, `${name}: ${id}: allowed`);
        compared++;
        if (scanned.length) withFindings++;
      }
    }
    assert.ok(compared >= 10, `compared ${compared} objects`);
    assert.ok(withFindings >= 3, `only ${withFindings} objects had findings: the corpus proves little`);
  });
}
