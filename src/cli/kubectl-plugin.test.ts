// kubectl's flags given before the sub-command move after it; everything else is left for mamori to parse.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pluginArgs } from './kubectl-plugin.js';

test('kubectl flags before the sub-command move after it, in every spelling kubectl accepts', () => {
  assert.deepEqual(pluginArgs(['--context', 'prod', 'audit', '--format', 'json']), ['audit', '--format', 'json', '--context', 'prod']);
  assert.deepEqual(pluginArgs(['--kubeconfig=/k', '-n', 'shop', 'audit']), ['audit', '--kubeconfig=/k', '-n', 'shop']);
  assert.deepEqual(pluginArgs(['-nshop', '--namespace=web', 'rbac', '--cluster']), ['rbac', '--cluster', '-nshop', '--namespace=web']);
  assert.deepEqual(pluginArgs(['--context', 'c', 'seccomp', 'trace', '--', 'ls', '-n']), ['seccomp', 'trace', '--context', 'c', '--', 'ls', '-n']);
});

test('arguments already after the sub-command, unknown flags and bare flags are left alone', () => {
  assert.deepEqual(pluginArgs(['audit', '--context', 'prod']), ['audit', '--context', 'prod']);
  assert.deepEqual(pluginArgs(['--help']), ['--help']);
  assert.deepEqual(pluginArgs(['--context', 'prod']), ['--context', 'prod']);
  assert.deepEqual(pluginArgs(['--user', 'x', 'audit']), ['--user', 'x', 'audit']);
  assert.deepEqual(pluginArgs([]), []);
});
