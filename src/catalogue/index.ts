// The catalogue of every check with the profiles that use it, as data and as generated docs.
import { ALL_CHECKS } from '../checks/index.js';
import { allProfiles } from '../profiles/index.js';
import { describeCheck, type PolicyInfo } from './describe.js';

export function catalogue(): PolicyInfo[] {
  const profiles = allProfiles();
  return ALL_CHECKS.map((c) => describeCheck(c, profiles));
}
