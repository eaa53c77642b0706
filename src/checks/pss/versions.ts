// Pod Security Standards policy versions: parsing "v1.30" / "latest", and the newest version mamori knows.

/** The highest minimum version of any check mamori implements: v1.37 (pod-security-admission v0.37) adds two sysctls. */
export const MAX_PSS_MINOR = 37;
/** What `latest` and `pss-restricted` without a version mean: as in PSA, the registry's highest version (released). */
export const LATEST_PSS_MINOR = MAX_PSS_MINOR;
export const LATEST_PSS_VERSION = `1.${LATEST_PSS_MINOR}`;

/** The minor of a policy version ("1.30", "v1.30", "latest"), clamped to what mamori knows; undefined when it does not parse. */
export function parsePssVersion(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === 'latest') return LATEST_PSS_MINOR;
  const m = /^v?1\.(0|[1-9]\d*)$/.exec(v);
  if (!m) return undefined;
  return Math.min(Number(m[1]), MAX_PSS_MINOR);
}

/** Whether a cluster of version `v` ("1.18", "v1.30.2"; unset = the newest) is at or above v1.<minor>. */
export function atLeastMinor(v: string | undefined, minor: number): boolean {
  const m = v === undefined ? null : /^v?1\.(\d{1,4})(?:\.\d+)?$/.exec(v);
  return m ? Number(m[1]) >= minor : true;
}
