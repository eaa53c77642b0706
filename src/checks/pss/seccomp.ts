// Seccomp rules PSA applies: the annotation form (before v1.19) and the field form (v1.19 on).
import type { PodView } from '../../k8s/workload.js';
import type { Path } from '../../core/path.js';
import { obj, str } from '../../k8s/values.js';
import { annotationPath, annotations } from '../../k8s/workload.js';
import { psaContainers, single, type PssResult } from './define.js';
import { remedy } from '../types.js';
import { RUNTIME_DEFAULT } from '../changes.js';
import { goQuote, joinQuote, pluralize, sortBytes } from './format.js';

export const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
export const SECCOMP_CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Allowed annotation values before v1.19: an empty value fails. */
export function validSeccompAnnotation(v: string): boolean {
  return v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/');
}
export function validSeccompType(t: string): boolean {
  return t === 'RuntimeDefault' || t === 'Localhost';
}

/** seccompProfile_baseline v1.0: the alpha annotations, for the pod and for containers that exist. */
export function seccompAnnotations(pod: PodView): PssResult | undefined {
  const ann = annotations(pod);
  const bad: { text: string; path: Path }[] = [];
  const pv = ann[SECCOMP_POD_ANNOTATION];
  if (pv !== undefined && !validSeccompAnnotation(pv)) bad.push({ text: `${SECCOMP_POD_ANNOTATION}=${goQuote(pv)}`, path: annotationPath(pod, SECCOMP_POD_ANNOTATION) });
  for (const c of psaContainers(pod)) {
    const key = SECCOMP_CONTAINER_ANNOTATION_PREFIX + c.name;
    const v = ann[key];
    if (v !== undefined && !validSeccompAnnotation(v)) bad.push({ text: `${key}=${goQuote(v)}`, path: annotationPath(pod, key) });
  }
  if (bad.length === 0) return undefined;
  const texts = sortBytes(bad.map((b) => b.text));
  return {
    reason: 'seccompProfile',
    detail: `forbidden ${pluralize('annotation', 'annotations', texts.length)} ${texts.join(', ')}`,
    path: bad[0]!.path,
    container: null,
  };
}

/**
 * The field form. Baseline: an explicit type other than RuntimeDefault/Localhost fails anywhere.
 * Restricted additionally requires every container to end up with a valid type (its own, else the pod's).
 */
export function seccompFields(pod: PodView, restricted: boolean): PssResult | undefined {
  const setters: string[] = [];
  const values = new Set<string>();
  let first: Path | undefined;
  let podValid = false;
  const podProfile = obj(pod.podSc?.seccompProfile);
  if (podProfile) {
    const type = str(podProfile.type) ?? '';
    if (validSeccompType(type)) podValid = true;
    else { setters.push('pod'); values.add(type); first = [...pod.specPath, 'securityContext', 'seccompProfile', 'type']; }
  }
  const explicit: string[] = [];
  const implicit: string[] = [];
  let firstImplicit: Path | undefined;
  for (const c of psaContainers(pod)) {
    const cp = obj(c.sc?.seccompProfile);
    if (cp) {
      const type = str(cp.type) ?? '';
      if (!validSeccompType(type)) {
        explicit.push(c.name);
        values.add(type);
        first ??= [...c.path, 'securityContext', 'seccompProfile', 'type'];
      }
    } else if (!podValid) {
      implicit.push(c.name);
      firstImplicit ??= [...c.path, 'securityContext', 'seccompProfile'];
    }
  }
  if (explicit.length > 0) setters.push(`${pluralize('container', 'containers', explicit.length)} ${joinQuote(explicit)}`);
  if (setters.length > 0) {
    return {
      reason: 'seccompProfile',
      detail: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${joinQuote(sortBytes(values))}`,
      path: first!,
      container: setters[0] === 'pod' ? null : single(explicit),
    };
  }
  if (restricted && implicit.length > 0) {
    const podPath: Path = [...pod.specPath, 'securityContext', 'seccompProfile'];
    return {
      reason: 'seccompProfile',
      detail: `pod or ${pluralize('container', 'containers', implicit.length)} ${joinQuote(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
      path: podProfile ? podPath : firstImplicit!,
      container: single(implicit),
      ...remedy(RUNTIME_DEFAULT, [{ op: 'set', path: podPath, value: { type: 'RuntimeDefault' } }]),
    };
  }
  return undefined;
}
