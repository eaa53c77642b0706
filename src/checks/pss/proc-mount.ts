// The procMount rule shared by the baseline and restricted variants.
import type { PodView } from '../../k8s/workload.js';
import type { Path } from '../../core/path.js';
import { str } from '../../k8s/values.js';
import { psaContainers, single, type PssResult } from './define.js';
import { joinQuote, pluralize, sortBytes } from './format.js';

export function procMountResult(pod: PodView): PssResult | undefined {
  const names: string[] = [];
  const types: string[] = [];
  let first: Path | undefined;
  for (const c of psaContainers(pod)) {
    const v = c.sc?.procMount;
    if (v === undefined || v === null) continue;
    const s = str(v) ?? String(v);
    if (s === 'Default') continue;
    names.push(c.name);
    types.push(s);
    first ??= [...c.path, 'securityContext', 'procMount'];
  }
  if (names.length === 0) return undefined;
  return {
    reason: 'procMount',
    detail: `${pluralize('container', 'containers', names.length)} ${joinQuote(names)} must not set securityContext.procMount to ${joinQuote(sortBytes(types))}`,
    path: first!,
    container: single(names),
  };
}
