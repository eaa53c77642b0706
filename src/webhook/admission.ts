// AdmissionReview in, verdict out: one engine run per request, with the same config, exclusions and ledger as scan.
import type { Finding } from '../model/types.js';
import { Engine, InventoryIndex, type EngineConfig } from '../engine/engine.js';
import { isObj, obj, str, type Obj } from '../k8s/values.js';
import { denyMessage, findingWarning, auditAnnotations } from './message.js';

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

/** Reads an AdmissionReview body (already JSON-parsed) and decides it under the given engine config. */
export function decide(body: unknown, cfg: EngineConfig): ReviewOutcome {
  if (!isObj(body)) throw new BadReview('body is not a JSON object');
  if (body.apiVersion !== 'admission.k8s.io/v1') throw new BadReview(`apiVersion must be admission.k8s.io/v1, got ${JSON.stringify(body.apiVersion ?? null)}`);
  if (body.kind !== 'AdmissionReview') throw new BadReview(`kind must be AdmissionReview, got ${JSON.stringify(body.kind ?? null)}`);
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
    namespace: str(meta?.namespace) || reqNamespace,
    name: str(meta?.name) || str(req.name) || str(meta?.generateName) || '',
    dryRun: req.dryRun === true,
    user: str(obj(req.userInfo)?.username) ?? null,
    allowed: true,
    findings: [],
    excepted: 0,
    suppressed: 0,
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
  const evaluated = withKind(object, reqKind);
  // The object's own namespace wins; the request's fills in when the manifest named none, as kubectl -n does.
  const runCfg: EngineConfig = reqNamespace ? { ...cfg, defaultNamespace: reqNamespace } : cfg;
  const engine = new Engine(runCfg, new InventoryIndex(runCfg.defaultNamespace));
  const all = engine.evaluate({ object: evaluated });
  const report = engine.report();
  decision.errors = report.errors.map((e) => e.message);
  decision.findings = all.filter((f) => f.status === 'open');
  decision.excepted = all.filter((f) => f.status === 'excepted').length;
  decision.suppressed = all.filter((f) => f.status === 'suppressed').length;

  if (decision.errors.length > 0) {
    // Fail closed: an object mamori cannot read is not one it can vouch for.
    decision.allowed = false;
    return respond({
      allowed: false,
      status: { code: 400, reason: 'BadRequest', message: `mamori cannot evaluate this ${decision.kind}: ${decision.errors.join('; ')}` },
    });
  }
  const deny = decision.findings.filter((f) => f.effect === 'Deny');
  const audit = decision.findings.filter((f) => f.effect !== 'Deny');
  const annotations = auditAnnotations(decision.findings);
  const warnings = audit.map(findingWarning);
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

/** Fills kind/apiVersion from the request when the object lacks them (the API server always sends both; tests may not). */
function withKind(o: Obj, reqKind: Obj | undefined): Obj {
  if (str(o.kind) && str(o.apiVersion)) return o;
  const group = str(reqKind?.group) ?? '';
  const version = str(reqKind?.version) ?? 'v1';
  return { ...o, kind: str(o.kind) ?? str(reqKind?.kind), apiVersion: str(o.apiVersion) ?? (group ? `${group}/${version}` : version) };
}
