// The helm binary tests render charts with: helm on PATH, else the one tools/install-helm.sh builds into the cache.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function helmBinary(): string | undefined {
  const cached = join(process.env.MAMORI_HELM_CACHE ?? join(homedir(), '.cache', 'mamori', 'helm'), process.env.HELM_VERSION ?? 'v3.22.0', 'helm');
  for (const candidate of ['helm', cached]) {
    const r = spawnSync(candidate, ['version', '--short'], { encoding: 'utf8' });
    if (!r.error && r.status === 0) return candidate;
  }
  return undefined;
}

/** helm, or undefined after skipping the test — never silently under CI=true, where a missing helm fails it. */
export function needHelm(t: { skip(message: string): void }): string | undefined {
  const helm = helmBinary();
  if (helm) return helm;
  if (process.env.CI === 'true') assert.fail('helm is missing under CI: run tools/install-helm.sh');
  t.skip('skipped: needs helm (tools/install-helm.sh builds it)');
  return undefined;
}
