// Upstream Kubernetes minor releases with release and end-of-life dates; replaceable with --releases FILE.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parse } from 'yaml';
import { UsageError } from '../core/errors.js';

export interface Release {
  minor: string;
  /** YYYY-MM-DD */
  released: string;
  /** end of upstream patch support, YYYY-MM-DD */
  endOfLife: string;
  /** dates announced as a plan rather than observed */
  planned?: boolean;
}

/** The date this table was last brought up to date; releases after it may be missing. */
export const RELEASES_AS_OF = '2026-11-22';

export const RELEASES: readonly Release[] = [
  { minor: '1.20', released: '2020-12-08', endOfLife: '2022-02-28' },
  { minor: '1.21', released: '2021-04-08', endOfLife: '2022-06-28' },
  { minor: '1.22', released: '2021-08-04', endOfLife: '2022-10-28' },
  { minor: '1.23', released: '2021-12-07', endOfLife: '2023-02-28' },
  { minor: '1.24', released: '2022-05-03', endOfLife: '2023-07-28' },
  { minor: '1.25', released: '2022-08-23', endOfLife: '2023-10-28' },
  { minor: '1.26', released: '2022-12-09', endOfLife: '2024-02-28' },
  { minor: '1.27', released: '2023-04-11', endOfLife: '2024-06-28' },
  { minor: '1.28', released: '2023-08-15', endOfLife: '2024-10-28' },
  { minor: '1.29', released: '2023-12-13', endOfLife: '2025-02-28' },
  { minor: '1.30', released: '2024-04-17', endOfLife: '2025-06-28' },
  { minor: '1.31', released: '2024-08-13', endOfLife: '2025-10-28' },
  { minor: '1.32', released: '2024-12-11', endOfLife: '2026-02-28' },
  { minor: '1.33', released: '2025-04-23', endOfLife: '2026-06-28' },
  { minor: '1.34', released: '2025-08-27', endOfLife: '2026-10-27' },
  { minor: '1.35', released: '2025-12-17', endOfLife: '2027-02-28' },
  { minor: '1.36', released: '2026-04-22', endOfLife: '2027-06-28', planned: true },
  { minor: '1.37', released: '2026-08-26', endOfLife: '2027-10-28', planned: true },
];

const releaseFile = z.strictObject({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  releases: z.array(z.strictObject({
    minor: z.string().regex(/^1\.\d+$/, 'expected a minor version such as "1.35"'),
    released: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
    endOfLife: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
    planned: z.boolean().optional(),
  })).min(1),
});

/** A newer table from a YAML or JSON file ({asOf, releases: [{minor, released, endOfLife}]}). */
export async function loadReleases(file: string): Promise<{ asOf: string; releases: Release[] }> {
  let data: unknown;
  try { data = parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new UsageError(`${file}: cannot read the release table: ${(e as Error).message}`);
  }
  const r = releaseFile.safeParse(data);
  if (!r.success) throw new UsageError(r.error.issues.map((i) => `${file}: ${i.path.join('.') || '(top level)'}: ${i.message}`).join('\n'));
  return { asOf: r.data.asOf ?? RELEASES_AS_OF, releases: [...r.data.releases].sort((a, b) => minorNumber(a.minor) - minorNumber(b.minor)) };
}

export function minorNumber(v: string): number {
  const m = /^v?1\.(\d+)/.exec(v);
  return m ? Number(m[1]) : NaN;
}

/** "v1.35.4+k3s1" → "1.35" */
export function minorOf(v: string): string | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(v.trim());
  return m ? `${m[1]}.${m[2]}` : undefined;
}

/** The latest three minor versions released on or before `today`. */
export function supportedWindow(releases: readonly Release[], today: string, size = 3): Release[] {
  return releases.filter((r) => r.released <= today).sort((a, b) => minorNumber(b.minor) - minorNumber(a.minor)).slice(0, size);
}
