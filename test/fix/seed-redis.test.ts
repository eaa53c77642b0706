// Seed 001's unhealthy Redis deployment, fixed with --risk all, has the healthy sample's values for every field the changes touch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { config, fixInMemory, scanText } from './fixtures.js';
import { parseManifests } from '../../src/source/load.js';
import { getAt, formatPath } from '../../src/core/path.js';

const root = join(import.meta.dirname, '../..');

test('seed redis: the fixed unhealthy deployment matches the healthy one where the changes reach (--risk all)', () => {
  const cfg = config();
  const unhealthy = readFileSync(join(root, 'examples/redis-unhealthy.yaml'), 'utf8');
  const healthyText = readFileSync(join(root, 'examples/redis-healthy.yaml'), 'utf8');
  const r = fixInMemory(cfg, 'redis-unhealthy.yaml', unhealthy);
  assert.deepEqual(r.problems, []);
  const fixed = parseManifests('f.yaml', r.text).objects.find((o) => o.object.kind === 'Deployment')!.object;
  const healthy = parseManifests('h.yaml', healthyText).objects.find((o) => o.object.kind === 'Deployment')!.object;
  const healthyFindings = scanText(cfg, 'redis-healthy.yaml', healthyText).findings.filter((f) => f.status === 'open');
  const ops = r.edits.flatMap((e) => e.ops);
  // The seed lists privileged, readOnlyRootFilesystem, allowPrivilegeEscalation and the host namespaces.
  const paths = ops.map((o) => formatPath(o.path));
  for (const want of ['securityContext.privileged', 'securityContext.readOnlyRootFilesystem', 'securityContext.allowPrivilegeEscalation', 'spec.hostPID', 'spec.hostIPC']) {
    assert.ok(paths.some((p) => p.endsWith(want)), `no change for ${want}`);
  }
  for (const op of ops) {
    const where = formatPath(op.path);
    const want = getAt(healthy, op.path);
    const got = getAt(fixed, op.path);
    if (op.op === 'remove') {
      assert.equal(got, undefined, where);
      assert.equal(want, undefined, `${where}: the healthy sample sets it`);
    } else if (want !== undefined) {
      assert.deepEqual(got, want, where);
    } else {
      // The healthy sample leaves this field unset: then it must itself fail the policy that asks for it.
      assert.ok(healthyFindings.some((f) => f.path === where), `${where}: fixed to ${JSON.stringify(got)}, the healthy sample leaves it unset and passes`);
    }
  }
});
