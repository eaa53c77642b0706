// Type checks of the fields mamori reads, so `privileged: "yes"` is an input error (as the API server says) and not a silent pass.
import { z } from 'zod';
import type { Segment } from '../core/path.js';

const int = z.number().int();
const strMap = z.record(z.string(), z.string());
const profileRef = z.looseObject({ type: z.string().optional(), localhostProfile: z.string().optional() });

const containerSc = z.looseObject({
  privileged: z.boolean().nullish(),
  allowPrivilegeEscalation: z.boolean().nullish(),
  readOnlyRootFilesystem: z.boolean().nullish(),
  runAsNonRoot: z.boolean().nullish(),
  runAsUser: int.nullish(),
  runAsGroup: int.nullish(),
  procMount: z.string().nullish(),
  capabilities: z.looseObject({ add: z.array(z.string()).nullish(), drop: z.array(z.string()).nullish() }).nullish(),
  seccompProfile: profileRef.nullish(),
  appArmorProfile: profileRef.nullish(),
});

const container = z.looseObject({
  name: z.string(),
  image: z.string().nullish(),
  securityContext: containerSc.nullish(),
  ports: z.array(z.looseObject({ containerPort: int.nullish(), hostPort: int.nullish() })).nullish(),
  volumeMounts: z.array(z.looseObject({ name: z.string(), mountPath: z.string(), readOnly: z.boolean().nullish() })).nullish(),
  resources: z.looseObject({
    limits: z.record(z.string(), z.union([z.string(), z.number()])).nullish(),
    requests: z.record(z.string(), z.union([z.string(), z.number()])).nullish(),
  }).nullish(),
});

const podSc = z.looseObject({
  runAsNonRoot: z.boolean().nullish(),
  runAsUser: int.nullish(),
  runAsGroup: int.nullish(),
  fsGroup: int.nullish(),
  supplementalGroups: z.array(int).nullish(),
  seccompProfile: profileRef.nullish(),
  appArmorProfile: profileRef.nullish(),
  sysctls: z.array(z.looseObject({ name: z.string(), value: z.string().nullish() })).nullish(),
});

export const podSpecShape = z.looseObject({
  containers: z.array(container).nullish(),
  initContainers: z.array(container).nullish(),
  ephemeralContainers: z.array(container).nullish(),
  hostNetwork: z.boolean().nullish(),
  hostPID: z.boolean().nullish(),
  hostIPC: z.boolean().nullish(),
  shareProcessNamespace: z.boolean().nullish(),
  automountServiceAccountToken: z.boolean().nullish(),
  serviceAccountName: z.string().nullish(),
  nodeSelector: strMap.nullish(),
  securityContext: podSc.nullish(),
  volumes: z.array(z.looseObject({ name: z.string(), hostPath: z.looseObject({ path: z.string() }).nullish() })).nullish(),
});

export const metadataShape = z.looseObject({
  name: z.string().nullish(),
  namespace: z.string().nullish(),
  annotations: strMap.nullish(),
  labels: strMap.nullish(),
});

export const podTemplateShape = z.looseObject({ metadata: metadataShape.nullish(), spec: podSpecShape });

const serviceShape = z.looseObject({ spec: z.looseObject({ ports: z.array(z.looseObject({ port: int })).nullish() }).nullish() });

export interface ShapeProblem { path: Segment[]; message: string }

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function problems(schema: z.ZodType, value: unknown, base: readonly Segment[]): ShapeProblem[] {
  const r = schema.safeParse(value);
  if (r.success) return [];
  return r.error.issues.slice(0, 10).map((i) => {
    const path = [...base, ...(i.path as Segment[])];
    let got: unknown = value;
    for (const s of i.path) got = got !== null && typeof got === 'object' ? (got as Record<string | number, unknown>)[s as string] : undefined;
    const expected = i.code === 'invalid_type' ? `expected ${(i as { expected: string }).expected}` : i.message;
    return { path, message: `${expected}, got ${got === undefined ? 'nothing' : describe(got)}` };
  });
}

/** Shape problems of a pod template (or a Pod's metadata + spec) at the given path. */
export function checkPodTemplate(template: unknown, base: readonly Segment[]): ShapeProblem[] {
  return problems(podTemplateShape, template, base);
}

export function checkMetadata(metadata: unknown): ShapeProblem[] {
  return problems(metadataShape, metadata ?? {}, ['metadata']);
}

export function checkService(o: unknown): ShapeProblem[] {
  return problems(serviceShape, o, []);
}
