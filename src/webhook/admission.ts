// AdmissionReview in, verdict out: one engine run per request, with the same config, exclusions and ledger as scan.
import type { Finding } from '../core/report.js';
import { engineFor, type EngineConfig } from '../engine/engine.js';
import { arr, isObj, obj, str, type Obj } from '../k8s/values.js';
import { getAt } from '../core/path.js';
import { podTemplatePath } from '../k8s/workload.js';
import { boundedWarnings, denyMessage, findingWarning, auditAnnotations, suppressedWarning } from './message.js';
import { cap, DEFAULT_LIMITS, MAX_ERRORS, type ObjectLimits } from './bounded.js';

/** A request the webhook cannot read: answered with HTTP 400 and this text. */
export class BadReview extends Error {}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
}

export interface ReviewOutcome {
  /** the AdmissionReview to send back */
  review: { apiVersion: 'admission.k8s.io/v1'; kind: 'AdmissionReview'; response: AdmissionResponse };
  /** what the decision log line and the metrics need; never the object itself */
  decision: Decision;
}

export interface Decision {
  uid: string;
  operation: string;
  kind: string;
  namespace: string | null;
  name: string;
  dryRun: boolean;
  /** who asked, as the API server authenticated them */
  user: string | null;
  allowed: boolean;
  /** why nothing was evaluated, when nothing was */
  skipped?: string;
  /** open findings: the ones that decide */
  findings: Finding[];
  excepted: number;
  suppressed: number;
  /** policies the object's own mamori.dev/ignore annotation suppressed (allowed by webhook.allowIgnoreAnnotationFor) */
  suppressedPolicies: string[];
  errors: string[];
}

/** Operations the webhook judges; anything else (DELETE, CONNECT) is allowed untouched. */
const JUDGED = new Set(['CREATE', 'UPDATE']);
/** Subresources whose object is the full Pod (kubectl debug adds ephemeral containers through this one). */
const JUDGED_SUBRESOURCES = new Set(['', 'ephemeralcontainers']);

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new BadReview(what);
  return v;
}

/** A value from the request, quoted for an error message and cut short: the request may be hostile. */
function quoted(v: unknown): string {
  return cap(typeof v === 'string' ? JSON.stringify(v) : typeof v === 'object' && v !== null ? (Array.isArray(v) ? 'an array' : 'an object') : String(v ?? null), 80);
}

/** How many containers (every class) and volumes the object's pod template carries. */
function podSize(o: Obj, cfg: EngineConfig): { containers: number; volumes: number } {
  const tplPath = podTemplatePath(o, cfg.customKinds);
  if (!tplPath) return { containers: 0, volumes: 0 };
  const spec = obj(obj(tplPath.length === 0 ? o : getAt(o, tplPath))?.spec);
  if (!spec) return { containers: 0, volumes: 0 };
  const containers = arr(spec.containers).length + arr(spec.initContainers).length + arr(spec.ephemeralContainers).length;
  return { containers, volumes: arr(spec.volumes).length };
}

/** Reads an AdmissionReview body (already JSON-parsed) and decides it under the given engine config. */
export function decide(body: unknown, cfg: EngineConfig, limits: ObjectLimits = DEFAULT_LIMITS): ReviewOutcome {
  if (!isObj(body)) throw new BadReview('body is not a JSON object');
  if (body.apiVersion !== 'admission.k8s.io/v1') throw new BadReview(`apiVersion must be admission.k8s.io/v1, got ${quoted(body.apiVersion)}`);
  if (body.kind !== 'AdmissionReview') throw new BadReview(`kind must be AdmissionReview, got ${quoted(body.kind)}`);
  const req = need(obj(body.request), 'request is missing or not an object');
  const uid = need(str(req.uid), 'request.uid is missing or not a string');
  const operation = need(str(req.operation), 'request.operation is missing or not a string');
  const reqKind = obj(req.kind);
  const reqNamespace = str(req.namespace) || null;
  const object = req.object;
  const meta = isObj(object) ? obj(object.metadata) : undefined;
  const decision: Decision = {
    uid,
    operation,
    kind: (isObj(object) ? str(object.kind) : undefined) ?? str(reqKind?.kind) ?? '',
    // The API server stores the object in the request's namespace, whatever the object says.
    namespace: reqNamespace || str(meta?.namespace) || null,
    name: str(meta?.name) || str(req.name) || str(meta?.generateName) || '',
    dryRun: req.dryRun === true,
    user: str(obj(req.userInfo)?.username) ?? null,
    allowed: true,
    findings: [],
    excepted: 0,
    suppressed: 0,
    suppressedPolicies: [],
    errors: [],
  };
  const respond = (response: Omit<AdmissionResponse, 'uid'>): ReviewOutcome => ({
    review: { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid, ...response } },
    decision,
  });

  if (!JUDGED.has(operation)) {
    decision.skipped = `operation ${operation}`;
    return respond({ allowed: true });
  }
  const sub = str(req.subResource) ?? '';
  if (!JUDGED_SUBRESOURCES.has(sub)) {
    decision.skipped = `subresource ${sub}`;
    return respond({ allowed: true });
  }
  if (!isObj(object)) throw new BadReview(`request.object is missing or not an object for ${operation}`);
  // An object on its way out only sheds finalizers; refusing that would make it undeletable.
  if (operation === 'UPDATE' && meta?.deletionTimestamp) {
    decision.skipped = 'object is being deleted';
    return respond({ allowed: true });
  }
  const size = podSize(object, cfg);
  if (size.containers > limits.containers || size.volumes > limits.volumes) {
    // Judging such an object would hold the only thread for seconds; no real workload is this large.
    const what = size.containers > limits.containers
      ? `${size.containers} containers (init and ephemeral included) exceed the webhook's limit of ${limits.containers} per object`
      : `${size.volumes} volumes exceed the webhook's limit of ${limits.volumes} per object`;
    decision.allowed = false;
    decision.skipped = 'object too large';
    return respond({ allowed: false, status: { code: 403, reason: 'Forbidden', message: `mamori refused ${cap(decision.kind, 64)} ${cap(decision.name, 64)}: ${what}` } });
  }
  const evaluated = inNamespace(withKind(object, reqKind), reqNamespace);
  const runCfg: EngineConfig = reqNamespace ? { ...cfg, defaultNamespace: reqNamespace } : cfg;
  const engine = engineFor(runCfg);
  const all = engine.evaluate({ object: evaluated });
  const report = engine.report();
  decision.errors = report.errors.slice(0, MAX_ERRORS).map((e) => cap(e.message, 512));
  decision.findings = all.filter((f) => f.status === 'open');
  decision.excepted = all.filter((f) => f.status === 'excepted').length;
  const suppressed = all.filter((f) => f.status === 'suppressed');
  decision.suppressed = suppressed.length;
  decision.suppressedPolicies = [...new Set(suppressed.map((f) => f.policyId))];

  if (decision.errors.length > 0) {
    // Fail closed: an object mamori cannot read is not one it can vouch for.
    decision.allowed = false;
    const more = report.errors.length > MAX_ERRORS ? `; and ${report.errors.length - MAX_ERRORS} more` : '';
    return respond({
      allowed: false,
      status: { code: 400, reason: 'BadRequest', message: `mamori cannot evaluate this ${cap(decision.kind, 64)}: ${decision.errors.join('; ')}${more}` },
    });
  }
  const deny = decision.findings.filter((f) => f.effect === 'Deny');
  const audit = decision.findings.filter((f) => f.effect !== 'Deny');
  const annotations = auditAnnotations(decision.findings, decision.suppressedPolicies);
  // A suppression the administrator allowed is still said aloud: to the user, in the audit log, in mamori's log.
  const warnings = boundedWarnings([...audit.map(findingWarning), ...suppressed.map(suppressedWarning)]);
  const notes = {
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(annotations ? { auditAnnotations: annotations } : {}),
  };
  if (deny.length > 0) {
    decision.allowed = false;
    return respond({ allowed: false, status: { code: 403, reason: 'Forbidden', message: denyMessage(deny, cfg.profile) }, ...notes });
  }
  return respond({ allowed: true, ...notes });
}

/** The object as the API server will store it: in the request's namespace, when the request names one. */
function inNamespace(o: Obj, ns: string | null): Obj {
  const meta = obj(o.metadata);
  if (!ns || !meta || meta.namespace === ns) return o;
  return { ...o, metadata: { ...meta, namespace: ns } };
}

/** Fills kind/apiVersion from the request when the object lacks them (the API server always sends both; tests may not). */
function withKind(o: Obj, reqKind: Obj | undefined): Obj {
  if (str(o.kind) && str(o.apiVersion)) return o;
  const group = str(reqKind?.group) ?? '';
  const version = str(reqKind?.version) ?? 'v1';
  return { ...o, kind: str(o.kind) ?? str(reqKind?.kind), apiVersion: str(o.apiVersion) ?? (group ? `${group}/${version}` : version) };
}
