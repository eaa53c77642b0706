// The structured log: every line one JSON object with time, level and msg first, the event's fields after.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { jsonLogger, type LogFields } from './log.js';

test('log: time, level and msg first, then the fields in their order', () => {
  const lines: LogFields[] = [];
  const log = jsonLogger((l) => lines.push(l));
  log.info('listening', { port: 8443, profile: 'defender' });
  log.warn('bad request', { reason: 'x' });
  log.error('internal error');
  assert.deepEqual(lines.map((l) => Object.keys(l)), [['time', 'level', 'msg', 'port', 'profile'], ['time', 'level', 'msg', 'reason'], ['time', 'level', 'msg']]);
  assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['info', 'listening'], ['warn', 'bad request'], ['error', 'internal error']]);
  assert.ok(!Number.isNaN(Date.parse(lines[0]!.time as string)));
  assert.match(lines[0]!.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

test('log: the default sink writes one line per event to stdout, newlines in values escaped', () => {
  const code = "import { jsonLogger } from './src/core/log.ts'; const l = jsonLogger(); l.info('a', { v: 'x\\ny' }); l.warn('b'); process.exit(0);";
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as LogFields);
  assert.deepEqual(lines.map((l) => [l.level, l.msg, l.v]), [['info', 'a', 'x\ny'], ['warn', 'b', undefined]]);
});
