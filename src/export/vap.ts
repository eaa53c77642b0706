// `mamori export vap`: the configured catalogue as ValidatingAdmissionPolicies and their bindings, same config as scan.
import type { EngineConfig, PolicyRun } from '../engine/engine.js';
import type { Check } from '../checks/types.js';
import { describeException, isExpired, type ExceptionEntry } from '../core/exceptions.js';
import { IGNORE_ANNOTATION } from '../core/ledger.js';
import { POD_TEMPLATE_PATHS, type CustomWorkloadKind } from '../k8s/workload.js';
import type { Path } from '../core/path.js';
import { allOf, anyOf, glob, globAny, lit, litList } from './cel.js';
import type { Rule, Translation, Translator } from './types.js';
import { DEFENDER_TRANSLATORS } from './defender-cel.js';
import { NSA_TRANSLATORS } from './nsa-cel.js';

export const TRANSLATORS: Record<string, Translator> = { ...DEFENDER_TRANSLATORS, ...NSA_TRANSLATORS };

export type ExportStatus = 'exact' | 'difference' | 'not exported';
export interface ExportRow { policyId: string; status: ExportStatus; note: string }

export interface VapExport {
  /** ValidatingAdmissionPolicy, then its binding, per exported check, in profile order */
  documents: Record<string, unknown>[];
  rows: ExportRow[];
  /** what the user should know: checks left out and why, exceptions that are fixed in time */
  notices: string[];
}

interface ResourceRule { apiGroups: string[]; apiVersions: string[]; resources: string[]; operations: string[] }
const OPS = ['CREATE', 'UPDATE'];

/** The built-in pod-bearing kinds mamori judges, as resource rules. */
const POD_RULES: ResourceRule[] = [
  { apiGroups: [''], apiVersions: ['v1'], resources: ['pods', 'pods/ephemeralcontainers', 'podtemplates', 'replicationcontrollers'], operations: OPS },
  { apiGroups: ['apps'], apiVersions: ['v1'], resources: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'], operations: OPS },
  { apiGroups: ['batch'], apiVersions: ['v1'], resources: ['cronjobs', 'jobs'], operations: OPS },
];

const KNOWN_PLURALS: Record<string, string> = { Service: 'services', Ingress: 'ingresses', ServiceAccount: 'serviceaccounts' };

/** A kind's resource name: the API's own for the kinds mamori knows, else the lower-case English plural. */
export function pluralOf(kind: string): string {
  const k = KNOWN_PLURALS[kind];
  if (k) return k;
  const lower = kind.toLowerCase();
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

function customRules(custom: readonly CustomWorkloadKind[]): ResourceRule[] {
  return custom.map((k) => {
    const [group, version] = k.apiVersion === undefined ? ['*', '*'] : k.apiVersion.includes('/') ? k.apiVersion.split('/') as [string, string] : ['', k.apiVersion];
    return { apiGroups: [group], apiVersions: [version], resources: [pluralOf(k.kind)], operations: OPS };
  });
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
function select(base: string, seg: string | number): string {
  return typeof seg === 'number' ? `${base}[${seg}]` : IDENT.test(seg) ? `${base}.${seg}` : `${base}[${lit(seg)}]`;
}
function selectPath(base: string, path: Path): string {
  return path.reduce<string>((acc, seg) => select(acc, seg), base);
}
/** CEL that is true when every step of the path exists below base. */
function presentPath(base: string, path: Path): string {
  const terms: string[] = [];
  let at = base;
  for (const seg of path) {
    terms.push(typeof seg === 'number' ? `size(${at}) > ${seg}` : IDENT.test(seg) ? `has(${at}.${seg})` : `${lit(seg)} in ${at}`);
    at = select(at, seg);
  }
  return allOf(terms);
}

interface KindCase { when: string; path: Path }

/** Where the pod template is, kind by kind: configured kinds first (as the engine looks them up), Pod last. */
function kindCases(custom: readonly CustomWorkloadKind[]): KindCase[] {
  const cases: KindCase[] = custom.map((k) => ({
    when: allOf([`object.kind == ${lit(k.kind)}`, ...(k.apiVersion ? [`object.apiVersion == ${lit(k.apiVersion)}`] : [])]),
    path: k.podTemplatePath,
  }));
  for (const [kind, path] of Object.entries(POD_TEMPLATE_PATHS)) {
    if (kind !== 'Pod') cases.push({ when: `object.kind == ${lit(kind)}`, path });
  }
  return cases;
}

/** The pod template (metadata + spec) of any pod-bearing object; dyn() because one policy serves every kind. */
function templateExpression(custom: readonly CustomWorkloadKind[]): string {
  return kindCases(custom).reduceRight((rest, k) => `${k.when} ? ${selectPath('dyn(object)', k.path)} : ${rest}`, 'dyn(object)');
}

/** True unless the object is pod-bearing without a pod spec (the engine skips those: nothing to judge). */
function hasPodSpec(custom: readonly CustomWorkloadKind[]): string {
  return kindCases(custom).reduceRight((rest, k) => `${k.when} ? (${presentPath('dyn(object)', [...k.path, 'spec'])}) : ${rest}`, 'true');
}

function resourceMatch(e: ExceptionEntry): string {
  const r = e.resource;
  return allOf([
    ...(r.kind !== undefined ? [glob('object.kind', r.kind)] : []),
    ...(r.namespace !== undefined ? [glob('request.namespace', r.namespace)] : []),
    ...(r.name !== undefined ? [glob('object.metadata.name', r.name)] : []),
  ]);
}

function containerList(check: Check & { target: 'pod' }, params: Record<string, unknown>): string {
  const lists = check.classes.map((cls) => `(has(variables.spec.${cls}) ? variables.spec.${cls} : [])`).join(' + ');
  const names = check.excludes.containers ? strs(params.excludedContainers) : [];
  const images = check.excludes.images ? strs(params.excludedImages) : [];
  const keep: string[] = [];
  if (names.length > 0) keep.push(`!(c.name in ${litList(names)})`);
  if (images.length > 0) keep.push(`!(has(c.image) && (${globAny('c.image', images)}))`);
  return keep.length === 0 ? `(${lists})` : `(${lists}).filter(c, ${allOf(keep)})`;
}

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function objectRules(check: Check, custom: readonly CustomWorkloadKind[]): ResourceRule[] {
  if (check.target === 'pod') return [...POD_RULES, ...customRules(custom)];
  const rules: ResourceRule[] = [];
  for (const kind of check.kinds) {
    if (kind === 'Pod') { rules.push(...POD_RULES, ...customRules(custom)); continue; }
    rules.push({ apiGroups: [...(check.apiGroups ?? [''])], apiVersions: ['*'], resources: [pluralOf(kind)], operations: OPS });
  }
  return rules;
}

/** The two documents of one exported check. */
function policyDocuments(run: PolicyRun, tr: Translation, cfg: EngineConfig, profile: string): Record<string, unknown>[] {
  const { check } = run;
  const id = check.meta.id;
  const name = `mamori-${id}`;
  const params = run.params;
  const podBearing = check.target === 'pod' || check.kinds.includes('Pod');
  const usesPodSpec = check.target === 'pod';
  const exceptions = cfg.exceptions.filter((e) => (e.policy === '*' || e.policy === id) && !isExpired(e, cfg.today));
  const wholeObject = exceptions.filter((e) => e.container === undefined);
  const perContainer = exceptions.filter((e) => e.container !== undefined);

  const matchConditions: { name: string; expression: string }[] = [];
  if (podBearing) matchConditions.push({ name: 'has-pod-spec', expression: hasPodSpec(cfg.customKinds) });
  matchConditions.push({
    name: 'not-ignored-by-annotation',
    expression: `!(has(object.metadata.annotations) && ${lit(IGNORE_ANNOTATION)} in object.metadata.annotations && object.metadata.annotations[${lit(IGNORE_ANNOTATION)}].split(',').exists(s, s.trim() in ${litList([id, '*'])}))`,
  });
  const nsGlobs = run.excludedNamespaces.filter((n) => n.endsWith('*'));
  const nsExact = run.excludedNamespaces.filter((n) => !n.endsWith('*'));
  if (nsGlobs.length > 0) matchConditions.push({ name: 'not-in-excluded-namespace', expression: `!(${globAny('request.namespace', nsGlobs)})` });
  if (wholeObject.length > 0) matchConditions.push({ name: 'not-excepted', expression: `!(${anyOf(wholeObject.map(resourceMatch))})` });

  const variables: { name: string; expression: string }[] = [];
  if (usesPodSpec) {
    variables.push({ name: 'tpl', expression: templateExpression(cfg.customKinds) });
    variables.push({ name: 'spec', expression: 'variables.tpl.spec' });
    variables.push({ name: 'ephemeralNames', expression: '(has(variables.spec.ephemeralContainers) ? variables.spec.ephemeralContainers : []).map(c, c.name)' });
    variables.push({ name: 'containers', expression: containerList(check as Check & { target: 'pod' }, params) });
  }
  const skipWindows = check.target === 'pod' && check.skipWindows;
  const guards: string[] = [];
  if (skipWindows) guards.push("(has(variables.spec.nodeSelector) && 'kubernetes.io/os' in variables.spec.nodeSelector && variables.spec.nodeSelector['kubernetes.io/os'] == 'windows')");
  if (check.target === 'pod' && check.requiresIncludedContainer) guards.push('size(variables.containers) == 0');

  // The API server cuts warnings to 256 characters once a response carries more than 4 KiB of them: the
  // containers come first, the details next, the recommendation's title last.
  const prefix = `[mamori ${id}] `;
  const title = ` — ${check.meta.title[cfg.lang]}`;
  const containerExcepted = (c: string): string => anyOf(perContainer.map((e) => allOf([resourceMatch(e), glob(`${c}.name`, e.container!)])));
  const validations = tr.rules.map((rule: Rule, i) => {
    if (rule.scope === 'container') {
      const bad = `bad${i}`;
      const exceptedTerm = perContainer.length > 0 ? ` && !(${containerExcepted('c')})` : '';
      variables.push({ name: bad, expression: `variables.containers.filter(c, (${rule.violates('c')})${exceptedTerm})` });
      return {
        expression: anyOf([...guards, `size(variables.${bad}) == 0`]),
        messageExpression: `${lit(prefix)} + variables.${bad}.map(c, 'container "' + c.name + '"').join(', ') + ': ' + variables.${bad}.map(c, c.name + ': ' + (${rule.detail('c')})).join('; ') + ${lit(title)}`,
        message: `${prefix}${check.meta.title[cfg.lang]}`,
      };
    }
    return {
      expression: anyOf([...guards, `!(${rule.violates})`]),
      messageExpression: `${lit(prefix)} + (${rule.detail}) + ${lit(title)}`,
      message: `${prefix}${check.meta.title[cfg.lang]}`,
    };
  });

  const refs = check.meta.references;
  const annotations: Record<string, string> = { 'mamori.dev/policy': id, 'mamori.dev/profile': profile, 'mamori.dev/export': tr.fidelity };
  if (refs.azurePolicy) annotations['mamori.dev/azure-policy'] = refs.azurePolicy.guid;
  if (refs.pss) annotations['mamori.dev/pss-control'] = refs.pss;
  if (tr.difference) annotations['mamori.dev/difference'] = tr.difference;
  const labels = { 'app.kubernetes.io/managed-by': 'mamori' };

  const policy = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name, labels, annotations },
    spec: {
      failurePolicy: 'Fail',
      matchConstraints: { resourceRules: objectRules(check, cfg.customKinds) },
      ...(matchConditions.length ? { matchConditions } : {}),
      ...(variables.length ? { variables } : {}),
      validations,
    },
  };
  const binding = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    metadata: { name, labels, annotations: { 'mamori.dev/policy': id } },
    spec: {
      policyName: name,
      validationActions: run.effect === 'Deny' ? ['Deny'] : ['Warn', 'Audit'],
      ...(nsExact.length ? {
        matchResources: { namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: nsExact }] } },
      } : {}),
    },
  };
  return [policy, binding];
}

/** Every check of the configuration CEL can express, as policy + binding; the others as rows and notices. */
export function exportVap(cfg: EngineConfig): VapExport {
  const documents: Record<string, unknown>[] = [];
  const rows: ExportRow[] = [];
  const notices: string[] = [];
  for (const run of cfg.policies) {
    const id = run.check.meta.id;
    if (run.effect === 'Disabled') continue;
    const tr = TRANSLATORS[id]?.(run.params) ?? { notExported: 'no CEL translation yet' };
    const need = run.check.needsConfiguration?.(run.params as never);
    if (need) {
      rows.push({ policyId: id, status: 'not exported', note: 'needs configuration' });
      notices.push(`${id}: not exported: ${need[cfg.lang]}`);
      continue;
    }
    if ('notExported' in tr) {
      rows.push({ policyId: id, status: 'not exported', note: tr.notExported });
      notices.push(`${id}: not exported: ${tr.notExported}`);
      continue;
    }
    rows.push({ policyId: id, status: tr.fidelity, note: tr.difference ?? '' });
    if (tr.difference) notices.push(`${id}: exported with a difference: ${tr.difference}`);
    documents.push(...policyDocuments(run, tr, cfg, cfg.profile));
  }
  const exported = new Set(rows.filter((r) => r.status !== 'not exported').map((r) => r.policyId));
  for (const e of cfg.exceptions) {
    if (e.policy !== '*' && !exported.has(e.policy)) continue;
    if (isExpired(e, cfg.today)) {
      notices.push(`exception for ${e.policy} ${describeException(e)} expired on ${e.expires}: not exported`);
    } else if (e.expires !== undefined) {
      notices.push(`exception for ${e.policy} ${describeException(e)} expires on ${e.expires}, but an admission policy has no clock: it keeps honouring the exception until you export and apply the policies again after that day`);
    }
  }
  return { documents, rows, notices };
}
