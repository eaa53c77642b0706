// Shared shape of the NSA/CISA checks: metadata defaults and the per-container "effective value must be…" rule.
import { z } from 'zod';
import { definePodCheck, once, t, type CheckMeta, type PodCheck, type PodContext, type Remedy, type Violation } from '../types.js';
import type { Text } from '../../core/report.js';
import { containerExclusions } from '../params.js';
import { effective, type ContainerView, type PodView, type SharedScField } from '../../k8s/workload.js';
import type { ContainerClass } from '../../k8s/workload.js';

export const NSA_GUIDE = 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF';
export const NSA_CATEGORY = t('NSA/CISA Kubernetes Hardening Guidance', 'NSA/CISA Kubernetes Hardening Guidance');

const params = once(() => z.object(containerExclusions()));
type Params = z.output<ReturnType<typeof params>>;

export interface NsaCheckSpec {
  meta: Omit<CheckMeta, 'category' | 'needsConfiguration' | 'defaultEffect'>;
  classes?: readonly ContainerClass[];
  skipWindows?: boolean;
  check(pod: PodView, containers: ContainerView[], ctx: PodContext): Violation[];
}

export function defineNsaCheck(s: NsaCheckSpec): PodCheck<ReturnType<typeof params>> {
  return definePodCheck({
    target: 'pod',
    meta: { ...s.meta, category: NSA_CATEGORY, needsConfiguration: false, defaultEffect: 'Audit' },
    params,
    classes: s.classes ?? ['containers', 'initContainers', 'ephemeralContainers'],
    skipWindows: s.skipWindows ?? true,
    excludes: { containers: true, images: true },
    requiresIncludedContainer: true,
    check: (ctx: PodContext, _p: Params) => s.check(ctx.pod, ctx.containers, ctx),
  });
}

/**
 * One finding per container whose effective value (container value, else pod value) is not good.
 * `problem` returns the message for a bad value (undefined = good); unset values reach it as undefined.
 */
export function perContainer(
  pod: PodView,
  containers: ContainerView[],
  field: SharedScField,
  problem: (value: unknown, c: ContainerView, from: 'container' | 'pod' | 'unset') => Text | undefined,
  fix?: (c: ContainerView) => Remedy | undefined,
): Violation[] {
  const out: Violation[] = [];
  for (const c of containers) {
    const r = effective(pod, c, field);
    const msg = problem(r.value, c, r.from);
    if (!msg) continue;
    out.push({ path: r.path, container: c.name, message: msg, ...fix?.(c) });
  }
  return out;
}
