// Real manifests for the VAP parity test (the k8s.io/kubernetes module's YAML, mamori's examples) and a dry-run client.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import https from 'node:https';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { POD_TEMPLATE_PATHS } from '../../src/k8s/workload.js';

export type Obj = Record<string, unknown>;
export interface CorpusObject { source: string; object: Obj }

/** Where the background install puts the Kubernetes module whose YAML we borrow. */
export function kubernetesModuleDir(version = 'v1.35.4'): string | undefined {
  const dir = join(process.env.GOMODCACHE ?? join(homedir(), 'go', 'pkg', 'mod'), 'k8s.io', `kubernetes@${version}`);
  return existsSync(dir) ? dir : undefined;
}

/** kind → [served apiVersion, resource] for what the corpus sends; older apiVersions of the same kind are moved up. */
export const SERVED: Record<string, [string, string]> = {
  Pod: ['v1', 'pods'], PodTemplate: ['v1', 'podtemplates'], ReplicationController: ['v1', 'replicationcontrollers'], Service: ['v1', 'services'],
  Deployment: ['apps/v1', 'deployments'], ReplicaSet: ['apps/v1', 'replicasets'], StatefulSet: ['apps/v1', 'statefulsets'], DaemonSet: ['apps/v1', 'daemonsets'],
  Job: ['batch/v1', 'jobs'], CronJob: ['batch/v1', 'cronjobs'], Ingress: ['networking.k8s.io/v1', 'ingresses'],
};
const UPGRADABLE = new Set(['extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2', 'batch/v1beta1', 'batch/v2alpha1']);

function yamlFiles(dir: string, out: string[] = []): string[] {
  let names: string[];
  try { names = readdirSync(dir).sort(); } catch { return out; }
  for (const n of names) {
    if (n === 'vendor' || n === 'node_modules' || n.startsWith('.')) continue;
    const p = join(dir, n);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) yamlFiles(p, out);
    else if (/\.(ya?ml|json)$/.test(n) && st.size < 512 * 1024) out.push(p);
  }
  return out;
}

function flatten(doc: unknown): Obj[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return [];
  const o = doc as Obj;
  if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) return o.items.flatMap(flatten);
  return [o];
}

/** An object as the test sends it: a served apiVersion, no server-owned fields, the namespace the test chooses. */
function normalise(o: Obj, namespace: string): Obj | undefined {
  const kind = typeof o.kind === 'string' ? o.kind : '';
  const served = SERVED[kind];
  if (!served || typeof o.apiVersion !== 'string') return undefined;
  if (o.apiVersion !== served[0]) {
    if (!UPGRADABLE.has(o.apiVersion) || kind === 'Ingress') return undefined;
    o = { ...o, apiVersion: served[0] };
  }
  const md = o.metadata;
  if (md === null || typeof md !== 'object' || Array.isArray(md)) return undefined;
  const { resourceVersion: _rv, uid: _uid, creationTimestamp: _ct, selfLink: _sl, managedFields: _mf, ownerReferences: _or, ...meta } = md as Obj;
  if (typeof meta.name !== 'string' && typeof meta.generateName !== 'string') return undefined;
  const { status: _status, ...rest } = o;
  return { ...rest, metadata: { ...meta, namespace } };
}

/**
 * Up to `limit` objects of the kinds the policies match, in a stable order: at most `perFile` from each file so that
 * one big fixture does not fill the corpus. Unparseable and templated files are passed over.
 */
export function collectCorpus(dirs: string[], namespaces: string[], limit: number, perFile = 6): CorpusObject[] {
  const out: CorpusObject[] = [];
  for (const dir of dirs) {
    for (const file of yamlFiles(dir)) {
      if (out.length >= limit) return out;
      let text: string;
      try { text = readFileSync(file, 'utf8'); } catch { continue; }
      if (text.includes('{{') || !/"?kind"?\s*:/.test(text)) continue;
      let docs: unknown[];
      try {
        docs = parseAllDocuments(text).flatMap((d) => (d.errors.length ? [] : [d.toJS({ maxAliasCount: 50 }) as unknown]));
      } catch { continue; }
      let taken = 0;
      for (const o of docs.flatMap(flatten)) {
        if (taken >= perFile || out.length >= limit) break;
        const ns = namespaces[out.length % namespaces.length]!;
        const n = normalise(o, ns);
        if (!n) continue;
        out.push({ source: `${relative(dir, file)}#${taken}`, object: n });
        taken++;
      }
    }
  }
  return out;
}

export const POD_BEARING = new Set(Object.keys(POD_TEMPLATE_PATHS));

export interface DryRunResult {
  status: number;
  /** the Status message when refused */
  message: string;
  /** every Warning header, unquoted */
  warnings: string[];
}

export interface ApiClient { server: string; token: string; caPem: string }

const agent = new https.Agent({ keepAlive: true, maxSockets: 4 });

/** One warning header value (RFC 7234 form: 299 - "text") as its text. */
function warningText(h: string): string {
  const m = /^\d{3} \S+ "((?:[^"\\]|\\.)*)"/.exec(h);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : h;
}

/** POST the object with dryRun=All, as `kubectl create --dry-run=server` does. */
export function dryRunCreate(api: ApiClient, o: Obj): Promise<DryRunResult> {
  const [apiVersion, resource] = SERVED[String(o.kind)]!;
  const ns = String((o.metadata as Obj).namespace);
  const base = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
  const url = new URL(`${base}/namespaces/${ns}/${resource}?dryRun=All&fieldValidation=Ignore`, api.server);
  const body = JSON.stringify(o);
  return new Promise((resolve, reject) => {
    const req = https.request(url, {
      method: 'POST', agent, ca: api.caPem,
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => {
        const warnings: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) if (res.rawHeaders[i]!.toLowerCase() === 'warning') warnings.push(warningText(res.rawHeaders[i + 1]!));
        let message = '';
        if (res.statusCode !== 201 && res.statusCode !== 200) {
          try { message = String((JSON.parse(data) as { message?: string }).message ?? data); } catch { message = data; }
        }
        resolve({ status: res.statusCode ?? 0, message, warnings });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The API server cuts each warning to this many characters once a response carries more than 4 KiB of them. */
export const WARNING_CUT = 256;

/** Each mamori policy message in a refusal or warnings: policy id, text, and whether the API server cut it short. */
export function mamoriMessages(texts: readonly string[]): { policyId: string; text: string; cut: boolean }[] {
  const out: { policyId: string; text: string; cut: boolean }[] = [];
  for (const t of texts) {
    const m = /\[mamori ([a-z0-9-]+)\] (.*)$/s.exec(t);
    if (m) out.push({ policyId: m[1]!, text: m[2]!, cut: [...t].length === WARNING_CUT });
  }
  return out;
}

/** Container names a mamori policy message names ('container "x"'). */
export function containersNamed(text: string): string[] {
  return [...text.matchAll(/container "([^"]*)"/g)].map((m) => m[1]!).sort();
}

function call(api: ApiClient, method: string, path: string, body?: unknown): Promise<{ status: number; data: string }> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = https.request(new URL(path, api.server), {
      method, agent, ca: api.caPem,
      headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json', ...(text ? { 'content-length': Buffer.byteLength(text) } : {}) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, data }));
    });
    req.on('error', reject);
    req.end(text);
  });
}

const ADMISSION = '/apis/admissionregistration.k8s.io/v1';
const MANAGED = 'labelSelector=app.kubernetes.io%2Fmanaged-by%3Dmamori';

/** Creates the exported policies and bindings; the API server's own validation of them must accept every one. */
export async function createPolicies(api: ApiClient, documents: readonly Record<string, unknown>[]): Promise<void> {
  for (const d of documents) {
    const plural = d.kind === 'ValidatingAdmissionPolicy' ? 'validatingadmissionpolicies' : 'validatingadmissionpolicybindings';
    const r = await call(api, 'POST', `${ADMISSION}/${plural}`, d);
    if (r.status !== 201) throw new Error(`${String(d.kind)} ${String((d.metadata as Obj).name)}: ${r.status} ${r.data}`);
  }
}

export async function deletePolicies(api: ApiClient): Promise<void> {
  for (const plural of ['validatingadmissionpolicybindings', 'validatingadmissionpolicies']) {
    const r = await call(api, 'DELETE', `${ADMISSION}/${plural}?${MANAGED}`);
    if (r.status !== 200) throw new Error(`delete ${plural}: ${r.status} ${r.data}`);
  }
}

export interface PolicyStatus { name: string; generation: number; observedGeneration?: number; typeChecking?: { expressionWarnings?: unknown[] } }

export async function policyStatuses(api: ApiClient): Promise<PolicyStatus[]> {
  const r = await call(api, 'GET', `${ADMISSION}/validatingadmissionpolicies?${MANAGED}`);
  const items = (JSON.parse(r.data) as { items: { metadata: { name: string; generation: number }; status?: { observedGeneration?: number; typeChecking?: { expressionWarnings?: unknown[] } } }[] }).items;
  return items.map((p) => ({ name: p.metadata.name, generation: p.metadata.generation, observedGeneration: p.status?.observedGeneration, typeChecking: p.status?.typeChecking }));
}

/** Creates any object at its collection path (e.g. a webhook configuration), failing loudly. */
export async function createObject(api: ApiClient, collection: string, body: unknown): Promise<void> {
  const r = await call(api, 'POST', collection, body);
  if (r.status !== 201) throw new Error(`POST ${collection}: ${r.status} ${r.data}`);
}
