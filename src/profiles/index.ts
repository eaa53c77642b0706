// Profiles by name; a profile name may carry a version (pss-restricted:v1.30).
import type { Profile } from './types.js';
import { defender } from './defender.js';
import { PSS_PROFILES, normalizePssProfileVersion } from './pss.js';
import { nsa } from './nsa.js';

const PROFILES: Record<string, Profile> = { defender, nsa, ...Object.fromEntries(PSS_PROFILES.map((p) => [p.name, p])) };

export function profileNames(): string[] { return Object.keys(PROFILES); }
export function allProfiles(): Profile[] { return Object.values(PROFILES); }

/** The profile for a name such as "defender" or "pss-restricted:v1.30"; undefined when unknown. */
export function resolveProfile(spec: string): Profile | undefined {
  const [name, version] = spec.split(':');
  const p = PROFILES[name ?? ''];
  if (!p) return undefined;
  if (version && p.name.startsWith('pss-')) return { ...p, version: normalizePssProfileVersion(p.name, version) };
  return version ? { ...p, version: version.replace(/^v/, '') } : p;
}

export function registerProfile(p: Profile): void { PROFILES[p.name] = p; }
