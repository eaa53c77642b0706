// helm's output split by its `# Source:` comments: each template's documents under the template's own file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitHelmOutput } from './render.js';
import { parseManifests } from './load.js';

const OUT = `---
# Source: web/templates/sa.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: a
---
# Source: web/charts/sub/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: p
---
# Source: web/templates/sa.yaml
apiVersion: v1
kind: ServiceAccount
metadata:
  name: b
`;

test('render: helm output is grouped per template file, subcharts under charts/, every document kept', () => {
  const texts = splitHelmOutput('/repo/chart', OUT);
  assert.deepEqual(texts.map((t) => t.file), ['/repo/chart/templates/sa.yaml', '/repo/chart/charts/sub/templates/pod.yaml']);
  const names = texts.flatMap((t) => parseManifests(t.file, t.text).objects.map((o) => `${o.file}:${String((o.object.metadata as { name: string }).name)}`));
  assert.deepEqual(names, ['/repo/chart/templates/sa.yaml:a', '/repo/chart/templates/sa.yaml:b', '/repo/chart/charts/sub/templates/pod.yaml:p']);
});
