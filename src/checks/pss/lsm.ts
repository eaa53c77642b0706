// Seccomp and AppArmor as manifests write them: every field and annotation reference, and profile lookups on disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Path } from '../../core/path.js';
import { obj, str } from '../../k8s/values.js';
import { annotationPath, annotations, type PodView } from '../../k8s/workload.js';
import { SECCOMP_CONTAINER_ANNOTATION_PREFIX, SECCOMP_POD_ANNOTATION } from './seccomp.js';
import { APPARMOR_ANNOTATION_PREFIX } from '../pss-apparmor.js';

export interface ProfileRef {
  kind: 'field' | 'annotation';
  /** "pod" or a container name */
  owner: string;
  container: string | null;
  type: string;
  /** the Localhost profile (seccomp: path under the kubelet's seccomp root; AppArmor: loaded profile name) */
  localhost?: string;
  path: Path;
}

/** The type an annotation value means in field terms; undefined when the value is not one Kubernetes accepts. */
export function annotationAsField(value: string): { type: string; localhost?: string } | undefined {
  if (value === 'runtime/default' || value === 'docker/default') return { type: 'RuntimeDefault' };
  if (value === 'unconfined') return { type: 'Unconfined' };
  if (value.startsWith('localhost/')) return { type: 'Localhost', localhost: value.slice('localhost/'.length) };
  return undefined;
}

function fieldRefs(pod: PodView, field: 'seccompProfile' | 'appArmorProfile'): ProfileRef[] {
  const out: ProfileRef[] = [];
  const p = obj(pod.podSc?.[field]);
  if (p) out.push({ kind: 'field', owner: 'pod', container: null, type: str(p.type) ?? '', localhost: str(p.localhostProfile), path: [...pod.specPath, 'securityContext', field] });
  for (const c of pod.containers) {
    const cp = obj(c.sc?.[field]);
    if (cp) out.push({ kind: 'field', owner: c.name, container: c.name, type: str(cp.type) ?? '', localhost: str(cp.localhostProfile), path: [...c.path, 'securityContext', field] });
  }
  return out;
}

function annotationRefs(pod: PodView, podKey: string | null, prefix: string): ProfileRef[] {
  const out: ProfileRef[] = [];
  for (const [k, v] of Object.entries(annotations(pod))) {
    let owner: string | undefined;
    if (podKey && k === podKey) owner = 'pod';
    else if (k.startsWith(prefix)) owner = k.slice(prefix.length);
    if (owner === undefined) continue;
    const f = annotationAsField(v);
    out.push({ kind: 'annotation', owner, container: owner === 'pod' ? null : owner, type: f?.type ?? v, localhost: f?.localhost, path: annotationPath(pod, k) });
  }
  return out;
}

export function seccompRefs(pod: PodView): ProfileRef[] {
  return [...fieldRefs(pod, 'seccompProfile'), ...annotationRefs(pod, SECCOMP_POD_ANNOTATION, SECCOMP_CONTAINER_ANNOTATION_PREFIX)];
}
export function appArmorRefs(pod: PodView): ProfileRef[] {
  return [...fieldRefs(pod, 'appArmorProfile'), ...annotationRefs(pod, null, APPARMOR_ANNOTATION_PREFIX)];
}

const fileCache = new Map<string, boolean>();
/** Whether a regular file exists (cached: many workloads name the same profile). */
export function fileExists(p: string): boolean {
  let hit = fileCache.get(p);
  if (hit === undefined) {
    try { hit = statSync(p).isFile(); } catch { hit = false; }
    fileCache.set(p, hit);
  }
  return hit;
}

// directories of /etc/apparmor.d that hold snippets, not profiles
const NOT_PROFILES = new Set(['abstractions', 'tunables', 'local', 'cache', 'disable', 'force-complain', 'abi']);
const dirCache = new Map<string, Set<string>>();

/** The profile names declared in the AppArmor files of a directory ("profile NAME" and path-named profiles). */
export function appArmorProfileNames(dir: string): Set<string> {
  const hit = dirCache.get(dir);
  if (hit) return hit;
  const names = new Set<string>();
  const walk = (d: string, depth: number): void => {
    let entries: string[];
    try { entries = readdirSync(d); } catch { return; }
    for (const e of entries) {
      const full = join(d, e);
      let st;
      try { st = statSync(full); } catch { continue; }
      if (st.isDirectory()) { if (depth < 3 && !NOT_PROFILES.has(e)) walk(full, depth + 1); continue; }
      if (!st.isFile() || st.size > 4 * 1024 * 1024) continue;
      const text = readFileSync(full, 'utf8');
      for (const m of text.matchAll(/^[ \t]*profile\s+("([^"]+)"|[^\s{]+)/gm)) names.add(m[2] ?? m[1]!);
      for (const m of text.matchAll(/^[ \t]*("([^"]+)"|\/[^\s{]*)\s+(?:flags=\([^)]*\)\s*)?\{/gm)) names.add(m[2] ?? m[1]!);
    }
  };
  if (existsSync(dir)) walk(dir, 0);
  dirCache.set(dir, names);
  return names;
}
