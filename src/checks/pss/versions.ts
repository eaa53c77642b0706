// Pod Security Standards policy versions: parsing "v1.30" / "latest", and the newest version mamori knows.

/** The minor of the newest released policy version mamori implements; what `pss-restricted` without a version means. */
export const LATEST_PSS_MINOR = 36;
export const LATEST_PSS_VERSION = `1.${LATEST_PSS_MINOR}`;
/** The highest minimum version of any check mamori implements (v1.37 adds two sysctls, unreleased at the time of writing). */
export const MAX_PSS_MINOR = 37;

/** The minor of a policy version ("1.30", "v1.30", "latest"), clamped to what mamori knows; undefined when it does not parse. */
export function parsePssVersion(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v === 'latest') return LATEST_PSS_MINOR;
  const m = /^v?1\.(0|[1-9]\d*)$/.exec(v);
  if (!m) return undefined;
  return Math.min(Number(m[1]), MAX_PSS_MINOR);
}
