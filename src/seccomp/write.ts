// Writes profiles as JSON or as an SPO SeccompProfile YAML in a fixed key order, uint64 values exact, so diffs stay reviewable.
import type { ArgCond, Filter, Profile, Rule } from './profile.js';

type Json = string | number | bigint | boolean | null | Json[] | { [k: string]: Json };

function filterJson(f: Filter): Json {
  const o: Record<string, Json> = {};
  if (f.arches) o.arches = f.arches;
  if (f.caps) o.caps = f.caps;
  if (f.minKernel) o.minKernel = f.minKernel;
  return o;
}

function argJson(a: ArgCond): Json {
  const o: Record<string, Json> = { index: a.index, value: a.value };
  if (a.valueTwo !== undefined) o.valueTwo = a.valueTwo;
  o.op = a.op;
  return o;
}

function ruleJson(r: Rule): Json {
  const o: Record<string, Json> = {};
  if (r.legacyName !== undefined) o.name = r.legacyName;
  if (r.names.length || r.legacyName === undefined) o.names = r.names;
  o.action = r.action;
  if (r.errnoRet !== undefined) o.errnoRet = r.errnoRet;
  if (r.errno !== undefined) o.errno = r.errno;
  if (r.args?.length) o.args = r.args.map(argJson);
  if (r.comment) o.comment = r.comment;
  if (r.includes) o.includes = filterJson(r.includes);
  if (r.excludes) o.excludes = filterJson(r.excludes);
  return o;
}

/** The profile as a plain JSON-able object in mamori's canonical key order. */
export function profileJsonValue(p: Profile): { [k: string]: Json } {
  const o: Record<string, Json> = { defaultAction: p.defaultAction };
  if (p.defaultErrnoRet !== undefined) o.defaultErrnoRet = p.defaultErrnoRet;
  if (p.defaultErrno !== undefined) o.defaultErrno = p.defaultErrno;
  if (p.architectures) o.architectures = p.architectures;
  if (p.archMap) o.archMap = p.archMap.map((m) => ({ architecture: m.architecture, subArchitectures: m.subArchitectures }));
  if (p.flags?.length) o.flags = p.flags;
  if (p.listenerPath) o.listenerPath = p.listenerPath;
  if (p.listenerMetadata) o.listenerMetadata = p.listenerMetadata;
  o.syscalls = p.syscalls.map(ruleJson);
  return o;
}

/** Pretty JSON where bigints print as exact integers and short string arrays stay readable, one name a line. */
export function stringifyJson(v: Json, indent = ''): string {
  const next = `${indent}  `;
  if (typeof v === 'bigint') return v.toString();
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => next + stringifyJson(x, next)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(v);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map((k) => `${next}${JSON.stringify(k)}: ${stringifyJson(v[k]!, next)}`).join(',\n')}\n${indent}}`;
}

export function profileToJson(p: Profile): string {
  return `${stringifyJson(profileJsonValue(p))}\n`;
}

function yamlScalar(v: Json): string {
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  const s = String(v);
  return /^[A-Za-z_][\w./-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(s) ? s : JSON.stringify(s);
}

function toYaml(v: Json, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []\n';
    return `\n${v.map((x) => {
      if (x !== null && typeof x === 'object' && !Array.isArray(x)) {
        const body = toYaml(x, `${indent}  `);
        return `${indent}- ${body.trimStart()}`;
      }
      return `${indent}- ${yamlScalar(x)}\n`;
    }).join('')}`;
  }
  if (v !== null && typeof v === 'object' && typeof v !== 'bigint') {
    return Object.entries(v).map(([k, x]) => {
      if (x !== null && typeof x === 'object' && typeof x !== 'bigint') {
        const inner = toYaml(x, Array.isArray(x) ? indent : `${indent}  `);
        return `${indent}${k}:${Array.isArray(x) ? inner : `\n${inner}`}`;
      }
      return `${indent}${k}: ${yamlScalar(x)}\n`;
    }).join('');
  }
  return `${indent}${yamlScalar(v)}\n`;
}

/** A Security Profiles Operator SeccompProfile custom resource holding the profile. */
export function profileToSpoYaml(p: Profile, name: string, namespace?: string): string {
  const meta: Record<string, Json> = { name };
  if (namespace) meta.namespace = namespace;
  const doc: Record<string, Json> = {
    apiVersion: 'security-profiles-operator.x-k8s.io/v1beta1',
    kind: 'SeccompProfile',
    metadata: meta,
    spec: profileJsonValue(p),
  };
  return toYaml(doc, '');
}
