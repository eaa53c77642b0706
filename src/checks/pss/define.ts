// definePssCheck: one PSA check as a mamori pod check, at a fixed level or at the level a namespace's labels choose.
import { z } from 'zod';
import type { CheckMeta, FixOp, PodCheck, PodContext, Violation } from '../types.js';
import { definePodCheck, t } from '../types.js';
import type { Text } from '../../core/report.js';
import type { Path } from '../../core/path.js';
import type { ContainerView, PodView } from '../../k8s/workload.js';
import { obj } from '../../k8s/values.js';
import { isActive, PSA_CHECKS, type PsaCheckId } from './levels.js';
import { namespaceModes, type PssMode } from './namespace.js';
import { LATEST_PSS_MINOR, parsePssVersion } from './versions.js';

/** A failed PSA check: PSA's reason and detail, and where in the manifest the first offending value is. */
export interface PssResult {
  reason: string;
  detail: string;
  path: Path;
  /** the container when exactly one container is at fault, else null */
  container: string | null;
  fix?: FixOp[];
  suggestion?: { ops: FixOp[]; text: Text };
  change?: Violation['change'];
}

export interface PssCheckSpec extends Omit<CheckMeta, 'needsConfiguration' | 'category' | 'defaultEffect'> {
  psa: PsaCheckId;
  /** PSA's check function for policy version 1.<minor> */
  evaluate(pod: PodView, minor: number): PssResult | undefined;
}

const levelParam = (own: 'baseline' | 'restricted') => z.object({
  level: z.enum(['baseline', 'restricted', 'namespace']).default(own)
    .describe('The Pod Security Standards level to judge by: "baseline", "restricted", or "namespace" (the level and version the pod-security.kubernetes.io/enforce|audit|warn labels of the workload\'s Namespace select; enforce findings get effect Deny, audit and warn findings Audit).'),
});

const CATEGORY = t('Pod Security Standards', 'Pod Security Standards');

/** The modes a pod is evaluated under: the profile's fixed level and version, or its namespace's labels. */
export function modesFor(ctx: PodContext, level: 'baseline' | 'restricted' | 'namespace'): PssMode[] {
  const minor = parsePssVersion(ctx.version) ?? LATEST_PSS_MINOR;
  if (level !== 'namespace') return [{ mode: null, level, minor, versionText: `v1.${minor}` }];
  return namespaceModes(ctx.inventory.namespace(ctx.pod.namespace), minor);
}

/** How kubectl shows each mode's verdict: the API server's refusal, its warning, the audit annotation. */
const MODE_PREFIX = { enforce: 'violates', warn: 'Warning: would violate', audit: 'audit: would violate' } as const;
const MODE_JA = { enforce: 'により拒否されます', warn: 'の警告対象です', audit: 'の監査記録の対象です' } as const;

/**
 * The Japanese message says what is violated in Japanese and quotes the API server's English words in 「」, as
 * kubectl shows them, so the two can be matched (the English message is those words alone).
 */
function japanese(title: string, mode: keyof typeof MODE_JA | null, level: string, version: string, said: string): string {
  const head = mode ? `PodSecurity "${level}:${version}" ${MODE_JA[mode]}。` : '';
  return `${head}「${title}」に違反しています（API サーバーの表示:「${said}」）`;
}

export function definePssCheck(spec: PssCheckSpec): PodCheck<ReturnType<typeof levelParam>> {
  const { psa, evaluate, ...meta } = spec;
  return definePodCheck({
    target: 'pod',
    meta: { ...meta, category: CATEGORY, needsConfiguration: false, defaultEffect: 'Deny' },
    params: () => levelParam(PSA_CHECKS[psa].level),
    // PSA has no exclusions and evaluates every container class, Windows pods included
    classes: ['containers', 'initContainers', 'ephemeralContainers'],
    skipWindows: false,
    excludes: { containers: false, images: false },
    check(ctx, params): Violation[] {
      for (const m of modesFor(ctx, params.level)) {
        if (!isActive(psa, m.level, m.minor)) continue;
        const r = evaluate(ctx.pod, m.minor);
        if (!r) continue;
        const text = `${r.reason} (${r.detail})`;
        const message = m.mode ? `${MODE_PREFIX[m.mode]} PodSecurity "${m.level}:${m.versionText}": ${text}` : text;
        const v: Violation = { path: r.path, container: r.container, message: t(message, japanese(meta.title.ja, m.mode, m.level, m.versionText, message)) };
        if (r.fix) v.fix = r.fix;
        if (r.suggestion) v.suggestion = r.suggestion;
        if (r.change) v.change = r.change;
        if (m.effect) v.effect = m.effect;
        return [v];
      }
      return [];
    },
  });
}

const CLASS_ORDER = { initContainers: 0, containers: 1, ephemeralContainers: 2 } as const;
const ordered = new WeakMap<PodView, ContainerView[]>();

/** Containers in PSA's visiting order: init, regular, ephemeral (the order names appear in messages). */
export function psaContainers(pod: PodView): ContainerView[] {
  let list = ordered.get(pod);
  if (!list) {
    list = [...pod.containers].sort((a, b) => CLASS_ORDER[a.cls] - CLASS_ORDER[b.cls] || a.index - b.index);
    ordered.set(pod, list);
  }
  return list;
}

/** spec.hostUsers explicitly false: the pod runs in its own user namespace. */
export function userNamespaced(pod: PodView): boolean {
  return pod.spec.hostUsers === false;
}

/** spec.os.name is windows (the Windows exemption of some restricted checks from v1.25). */
export function windowsOs(pod: PodView): boolean {
  return obj(pod.spec.os)?.name === 'windows';
}

/** The one container name when exactly one is at fault. */
export function single(names: readonly string[]): string | null {
  return names.length === 1 ? names[0]! : null;
}
