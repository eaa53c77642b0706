// The catalogue of every check with the profiles that use it, as data and as generated docs.
import { ALL_CHECKS } from '../checks/index.js';
import { allProfiles } from '../profiles/index.js';
import { defender } from '../profiles/defender.js';
import { describeCheck, type PolicyInfo } from './describe.js';

/** Defender's recommendations in the order of its table, then every other check by id. */
function order(id: string): [number, string] {
  const i = Object.keys(defender.policies).indexOf(id);
  return [i === -1 ? Number.MAX_SAFE_INTEGER : i, id];
}

export function catalogue(): PolicyInfo[] {
  const profiles = allProfiles();
  return [...ALL_CHECKS]
    .sort((a, b) => {
      const [x, xi] = order(a.meta.id);
      const [y, yi] = order(b.meta.id);
      return x - y || xi.localeCompare(yi);
    })
    .map((c) => describeCheck(c, profiles));
}
