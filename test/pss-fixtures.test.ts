// The PSS profiles against pod-security-admission's own fixtures (the Go module CI downloads): PSA's pass is no finding, its fail a Deny.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { runProfile } from './support/pss.js';
import { ROOT } from './cli/run.js';

/** testdata of the pod-security-admission module cut from the Kubernetes release the tests run against. */
function fixturesDir(): { dir: string; version: string } {
  const k8s = /^K8S_VERSION=v1\.(\d+\.\d+)$/m.exec(readFileSync(join(ROOT, 'tools', 'k8s', 'versions.env'), 'utf8'));
  const version = `v0.${k8s?.[1] ?? '0.0'}`;
  const cache = process.env.GOMODCACHE || join(process.env.GOPATH || join(homedir(), 'go'), 'pkg', 'mod');
  return { dir: join(cache, 'k8s.io', `pod-security-admission@${version}`, 'test', 'testdata'), version };
}

test('pss-baseline / pss-restricted at each version agree with every PSA fixture: pass = no finding at all, fail = a Deny', (t) => {
  const { dir, version } = fixturesDir();
  if (!existsSync(dir)) {
    if (process.env.CI === 'true') throw new Error(`pod-security-admission ${version} fixtures missing under CI: ${dir} (tools/k8s/install.sh downloads them)`);
    t.skip(`no pod-security-admission ${version} module at ${dir}`);
    return;
  }
  let count = 0;
  const disagree: string[] = [];
  for (const level of ['baseline', 'restricted']) {
    for (const v of readdirSync(join(dir, level)).sort()) {
      for (const verdict of ['pass', 'fail']) {
        const folder = join(dir, level, v, verdict);
        if (!existsSync(folder)) continue;
        for (const f of readdirSync(folder).sort()) {
          count++;
          const r = runProfile(`pss-${level}:${v}`, readFileSync(join(folder, f), 'utf8'));
          const where = `${level}/${v}/${verdict}/${f}`;
          if (r.errors.length > 0) disagree.push(`${where}: input errors ${JSON.stringify(r.errors)}`);
          else if (verdict === 'pass' && r.findings.length > 0) disagree.push(`${where}: ${r.findings.map((x) => x.policyId).join(', ')}`);
          else if (verdict === 'fail' && !r.findings.some((x) => x.effect === 'Deny')) disagree.push(`${where}: no Deny finding`);
        }
      }
    }
  }
  assert.ok(count > 1000, `only ${count} fixtures found in ${dir}`);
  assert.deepEqual(disagree, [], `${disagree.length} of ${count} fixtures disagree`);
});
