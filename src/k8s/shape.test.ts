// The plain shape checks against the zod schemas they replaced: the same problems, in the same order, on real and adversarial input.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { checkMetadata, checkPodTemplate, checkService, type ShapeProblem } from './shape.js';
import type { Segment } from '../core/path.js';
import { parseManifests } from '../source/load.js';
import { corpusRoots } from '../../test/corpus/modules.js';

// The oracle: src/k8s/shape.ts as it was with zod (4.6.7), schemas and message building unchanged.
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
const podSpecShape = z.looseObject({
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
const metadataShape = z.looseObject({
  name: z.string().nullish(),
  namespace: z.string().nullish(),
  annotations: strMap.nullish(),
  labels: strMap.nullish(),
});
const podTemplateShape = z.looseObject({ metadata: metadataShape.nullish(), spec: podSpecShape });
const serviceShape = z.looseObject({ spec: z.looseObject({ ports: z.array(z.looseObject({ port: int })).nullish() }).nullish() });

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `${typeof v} ${String(v)}`;
}

function zodProblems(schema: z.ZodType, value: unknown, base: readonly Segment[]): ShapeProblem[] {
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

const BASE: Segment[] = ['spec', 'template'];

/** Every check against its schema, on a value seen as a pod template, as metadata and as a Service: the problem counts. */
function assertSame(value: unknown, where: string): number[] {
  const pairs: [ShapeProblem[], ShapeProblem[], string][] = [
    [checkPodTemplate(value, BASE), zodProblems(podTemplateShape, value, BASE), 'pod template'],
    [checkMetadata(value), zodProblems(metadataShape, value ?? {}, ['metadata']), 'metadata'],
    [checkService(value), zodProblems(serviceShape, value, []), 'Service'],
  ];
  for (const [plain, oracle, as] of pairs) assert.deepStrictEqual(plain, oracle, `${where} as ${as}`);
  return pairs.map(([, oracle]) => oracle.length);
}

/** The real object and the parts the engine hands to the checks (a Pod itself, a workload's template). */
function partsOf(o: Record<string, unknown>): unknown[] {
  const parts: unknown[] = [o, o.metadata, o.spec];
  const spec = o.spec as Record<string, unknown> | undefined;
  if (spec && typeof spec === 'object') {
    parts.push(spec.template);
    const jt = spec.jobTemplate as Record<string, unknown> | undefined;
    if (jt && typeof jt === 'object') parts.push((jt.spec as Record<string, unknown> | undefined)?.template);
  }
  return parts;
}

function* manifestFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* manifestFiles(p);
    else if (/\.(ya?ml|json)$/.test(e.name) && statSync(p).size < 2_000_000) yield p;
  }
}

test('the plain checks report what the zod schemas reported on every real manifest of k8s.io/kubernetes', (t) => {
  const corpus = corpusRoots();
  if (corpus.missing.length) {
    if (process.env.CI === 'true') assert.fail(`corpus missing under CI: ${corpus.missing.join(', ')} (tools/k8s/install.sh downloads it)`);
    t.skip(`skipped: needs ${corpus.missing.join(', ')}`);
    return;
  }
  let objects = 0;
  let templates = 0;
  for (const root of corpus.required) {
    for (const file of manifestFiles(root)) {
      for (const o of parseManifests(file, readFileSync(file, 'utf8')).objects) {
        for (const part of partsOf(o.object)) {
          assertSame(part, file);
          if (Array.isArray((part as { spec?: { containers?: unknown } } | undefined)?.spec?.containers)) templates++;
        }
        objects++;
      }
    }
  }
  assert.ok(objects > 800 && templates > 200, `read ${objects} objects, ${templates} pod templates`);
});

/** Values the API server would refuse or a parser could produce: wrong types, non-finite and unsafe numbers, odd objects. */
const hostile = fc.oneof(
  fc.string({ maxLength: 50 }), fc.boolean(), fc.integer(), fc.double(),
  fc.constantFrom<unknown>(null, undefined, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), 1e20, -1e20, 2 ** 53 - 1, -0, 0.5, '', 'yes'),
  fc.constant(new Date(0)), fc.constant(Object.create(null) as object), fc.constant({ constructor: 'x' }),
  fc.constant({ constructor: { prototype: 1 } }), fc.constant(new Map()), fc.constant([]),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.double(), fc.boolean()), { maxKeys: 3 }),
);

/** Values shaped by a zod schema's definition, each one replaced by a hostile value now and then. */
function shaped(schema: z.ZodType): fc.Arbitrary<unknown> {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const inner = (key: string): z.ZodType => def[key] as z.ZodType;
  let own: fc.Arbitrary<unknown>;
  switch (def.type) {
    case 'string': own = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('RuntimeDefault', 'Localhost', 'NET_ADMIN')); break;
    case 'boolean': own = fc.boolean(); break;
    case 'number': own = fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom(0, 1000, 2 ** 53 - 1, 1e20, 0.5)); break;
    case 'optional': case 'nullable': return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(null, undefined) }, { weight: 6, arbitrary: shaped(inner('innerType')) });
    case 'union': own = fc.oneof(...(def.options as z.ZodType[]).map(shaped)); break;
    case 'array': own = fc.array(shaped(inner('element')), { maxLength: 3 }); break;
    case 'record': own = fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('0', '10', 'cpu', 'a.b/c')), shaped(inner('valueType')), { maxKeys: 3 }); break;
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(shape)) fields[k] = shaped(v);
      own = fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 4 }), hostile, { maxKeys: 2 }))
        .map(([declared, extra]) => ({ ...extra, ...declared }));
      break;
    }
    default: throw new Error(`shaped: no generator for a ${String(def.type)}`);
  }
  return fc.oneof({ weight: 8, arbitrary: own }, { weight: 1, arbitrary: hostile });
}

test('the plain checks report what the zod schemas reported on generated pod templates, metadata and Services', () => {
  let clean = 0;
  let refused = 0;
  const runs = 10000;
  fc.assert(fc.property(fc.oneof(shaped(podTemplateShape), shaped(metadataShape), shaped(serviceShape), hostile), (v) => {
    for (const n of assertSame(v, JSON.stringify(v) ?? String(v))) if (n === 0) clean++; else refused++;
  }), { numRuns: runs, seed: 14 });
  // The generator reaches both sides: values zod accepted and values it refused.
  assert.ok(clean > runs / 5 && refused > runs / 5, `${clean} accepted, ${refused} refused`);
});

test('the messages a user reads, one of each kind', () => {
  const tpl = {
    spec: {
      containers: [{ name: 'c', securityContext: { privileged: 'yes', runAsUser: 1.5, runAsGroup: 1e20 }, resources: { limits: { cpu: true } } }],
      securityContext: { fsGroup: -1e20 }, nodeSelector: new Date(0),
    },
  };
  assert.deepStrictEqual(checkPodTemplate(tpl, ['spec', 'template']).map((p) => p.message), [
    'expected boolean, got the string "yes"',
    'expected int, got number 1.5',
    'Too big: expected int to be <=9007199254740991, got number 100000000000000000000',
    'Invalid input, got boolean true',
    'expected record, got a mapping',
    'Too small: expected int to be >=-9007199254740991, got number -100000000000000000000',
  ]);
  assert.deepStrictEqual(checkService({ spec: { ports: [{}] } }), [{ path: ['spec', 'ports', 0, 'port'], message: 'expected number, got nothing' }]);
});
