// The catalogue of every rule of every family, with the profiles that use each manifest check, as data and as generated docs.
import { ALL_CHECKS } from '../checks/index.js';
import { allProfiles } from '../profiles/index.js';
import { defender } from '../profiles/defender.js';
import { REGISTRY } from '../registry.js';
import { describeCheck, describeRule, type PolicyInfo } from './describe.js';

/** Defender's recommendations in the order of its table, then every other check by id. */
function order(id: string): [number, string] {
  const i = Object.keys(defender.policies).indexOf(id);
  return [i === -1 ? Number.MAX_SAFE_INTEGER : i, id];
}

/** Manifest checks first (in Defender's order), then RBAC, versions, seccomp lint and AppArmor lint, each by id. */
export function catalogue(): PolicyInfo[] {
  const profiles = allProfiles();
  const checks = [...ALL_CHECKS]
    .sort((a, b) => {
      const [x, xi] = order(a.meta.id);
      const [y, yi] = order(b.meta.id);
      return x - y || xi.localeCompare(yi);
    })
    .map((c) => describeCheck(c, profiles));
  return [...checks, ...REGISTRY.filter((r) => r.family !== 'manifest').map(describeRule)];
}
