// Type checks of the fields mamori reads, so `privileged: "yes"` is an input error (as the API server says) and not a silent pass.
import type { Segment } from '../core/path.js';

/*
 * Plain functions, not zod: a scan without a mamori.yaml then never loads zod. They report what zod 4's schemas
 * (`z.looseObject`, `.nullish()`, `z.number().int()`, `z.record`, a union) reported, in the same order with the
 * same messages; src/k8s/shape.test.ts holds them equal to those schemas on real manifests and adversarial values.
 */

interface Issue { path: Segment[]; message: string }
type Check = (value: unknown, path: Segment[], out: Issue[]) => void;

function issue(out: Issue[], path: Segment[], message: string): void {
  out.push({ path: [...path], message });
}

/** zod's isObject: what a looseObject accepts. */
function isObject(v: unknown): v is Record<PropertyKey, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** zod's isPlainObject: what a record accepts (a Date or a class instance is not one). */
function isPlainObject(v: unknown): v is Record<PropertyKey, unknown> {
  if (!isObject(v)) return false;
  const ctor: unknown = v.constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const prot: unknown = (ctor as { prototype?: unknown }).prototype;
  if (!isObject(prot)) return false;
  return Object.prototype.hasOwnProperty.call(prot, 'isPrototypeOf');
}

const str: Check = (v, path, out) => { if (typeof v !== 'string') issue(out, path, 'expected string'); };
const bool: Check = (v, path, out) => { if (typeof v !== 'boolean') issue(out, path, 'expected boolean'); };
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** z.number().int(): a finite whole number within the safe integer range. */
const int: Check = (v, path, out) => {
  if (!isNumber(v)) issue(out, path, 'expected number');
  else if (!Number.isInteger(v)) issue(out, path, 'expected int');
  else if (v > Number.MAX_SAFE_INTEGER) issue(out, path, `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}`);
  else if (v < Number.MIN_SAFE_INTEGER) issue(out, path, `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
};

/** z.union([z.string(), z.number()]): both options fail with an aborting issue, so zod reports the union alone. */
const strOrNum: Check = (v, path, out) => { if (typeof v !== 'string' && !isNumber(v)) issue(out, path, 'Invalid input'); };

/** `.optional()`: undefined passes (an absent key reads as undefined), null does not. */
function optional(inner: Check): Check {
  return (v, path, out) => { if (v !== undefined) inner(v, path, out); };
}

/** `.nullish()`: null and undefined pass. */
function nullish(inner: Check): Check {
  return (v, path, out) => { if (v !== null && v !== undefined) inner(v, path, out); };
}

/** z.looseObject(shape): the declared keys in their order; other keys pass unchecked. */
function obj(shape: Record<string, Check>): Check {
  const entries = Object.entries(shape);
  return (v, path, out) => {
    if (!isObject(v)) { issue(out, path, 'expected object'); return; }
    for (const [key, check] of entries) {
      path.push(key);
      check(v[key], path, out);
      path.pop();
    }
  };
}

function arr(element: Check): Check {
  return (v, path, out) => {
    if (!Array.isArray(v)) { issue(out, path, 'expected array'); return; }
    for (let i = 0; i < v.length; i++) {
      path.push(i);
      element(v[i], path, out);
      path.pop();
    }
  };
}

/** z.record(z.string(), value): own enumerable keys in Reflect.ownKeys order; a symbol key is an invalid key. */
function rec(value: Check): Check {
  return (v, path, out) => {
    if (!isPlainObject(v)) { issue(out, path, 'expected record'); return; }
    for (const key of Reflect.ownKeys(v)) {
      if (key === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, key)) continue;
      path.push(key as Segment);
      if (typeof key === 'symbol') issue(out, path, 'Invalid key in record');
      else value(v[key], path, out);
      path.pop();
    }
  };
}

const strMap = rec(str);
const profileRef = obj({ type: optional(str), localhostProfile: optional(str) });
const quantities = rec(strOrNum);

const containerSc = obj({
  privileged: nullish(bool),
  allowPrivilegeEscalation: nullish(bool),
  readOnlyRootFilesystem: nullish(bool),
  runAsNonRoot: nullish(bool),
  runAsUser: nullish(int),
  runAsGroup: nullish(int),
  procMount: nullish(str),
  capabilities: nullish(obj({ add: nullish(arr(str)), drop: nullish(arr(str)) })),
  seccompProfile: nullish(profileRef),
  appArmorProfile: nullish(profileRef),
});

const container = obj({
  name: str,
  image: nullish(str),
  securityContext: nullish(containerSc),
  ports: nullish(arr(obj({ containerPort: nullish(int), hostPort: nullish(int) }))),
  volumeMounts: nullish(arr(obj({ name: str, mountPath: str, readOnly: nullish(bool) }))),
  resources: nullish(obj({ limits: nullish(quantities), requests: nullish(quantities) })),
});

const podSc = obj({
  runAsNonRoot: nullish(bool),
  runAsUser: nullish(int),
  runAsGroup: nullish(int),
  fsGroup: nullish(int),
  supplementalGroups: nullish(arr(int)),
  seccompProfile: nullish(profileRef),
  appArmorProfile: nullish(profileRef),
  sysctls: nullish(arr(obj({ name: str, value: nullish(str) }))),
});

const podSpec = obj({
  containers: nullish(arr(container)),
  initContainers: nullish(arr(container)),
  ephemeralContainers: nullish(arr(container)),
  hostNetwork: nullish(bool),
  hostPID: nullish(bool),
  hostIPC: nullish(bool),
  shareProcessNamespace: nullish(bool),
  automountServiceAccountToken: nullish(bool),
  serviceAccountName: nullish(str),
  nodeSelector: nullish(strMap),
  securityContext: nullish(podSc),
  volumes: nullish(arr(obj({ name: str, hostPath: nullish(obj({ path: str })) }))),
});

const objectMeta = obj({
  name: nullish(str),
  namespace: nullish(str),
  annotations: nullish(strMap),
  labels: nullish(strMap),
});

const podTemplate = obj({ metadata: nullish(objectMeta), spec: podSpec });

const service = obj({ spec: nullish(obj({ ports: nullish(arr(obj({ port: int }))) })) });

export interface ShapeProblem { path: Segment[]; message: string }

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function problems(check: Check, value: unknown, base: readonly Segment[]): ShapeProblem[] {
  const found: Issue[] = [];
  check(value, [], found);
  return found.slice(0, 10).map((i) => {
    let got: unknown = value;
    for (const s of i.path) got = got !== null && typeof got === 'object' ? (got as Record<string | number, unknown>)[s] : undefined;
    return { path: [...base, ...i.path], message: `${i.message}, got ${got === undefined ? 'nothing' : describe(got)}` };
  });
}

/** Shape problems of a pod template (or a Pod's metadata + spec) at the given path. */
export function checkPodTemplate(template: unknown, base: readonly Segment[]): ShapeProblem[] {
  return problems(podTemplate, template, base);
}

export function checkMetadata(metadata: unknown): ShapeProblem[] {
  return problems(objectMeta, metadata ?? {}, ['metadata']);
}

export function checkService(o: unknown): ShapeProblem[] {
  return problems(service, o, []);
}
