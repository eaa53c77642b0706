// The watch loop's decisions (re-list on 410, reconnect with backoff, resume from the last resourceVersion), driven by a scripted watch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KindWatcher } from './watch.js';
import { RESOURCES } from '../kube/resources.js';
import type { KubeClient } from '../kube/client.js';

type Cb = (type: string, o: unknown) => void;
type Done = (err: unknown) => void;
/** Each connection runs one scripted step; the real API server behaviour is covered by test/e2e/audit.test.ts. */
function scripted(steps: Array<(cb: Cb, done: Done) => void>, calls: Array<Record<string, unknown>>): KubeClient {
  return {
    watcher: {
      watch: async (_path: string, q: Record<string, unknown>, cb: Cb, done: Done) => {
        calls.push(q);
        const step = steps.shift();
        const ac = new AbortController();
        ac.signal.addEventListener('abort', () => done(new Error('aborted')));
        if (step) setTimeout(() => step(cb, done), 1);
        return ac;
      },
    },
  } as unknown as KubeClient;
}

const cm = (name: string, rv: string) => ({ kind: 'ConfigMap', metadata: { name, namespace: 'a', resourceVersion: rv } });
const until = async (cond: () => boolean) => { for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5)); assert.ok(cond()); };

test('410 Gone (as an ERROR event or an HTTP status) re-lists and resumes from the list', async () => {
  const calls: Array<Record<string, unknown>> = [];
  const seen: string[] = [];
  let relists = 0;
  const client = scripted([
    (cb) => cb('ERROR', { kind: 'Status', code: 410, message: 'too old resource version: 5 (90)' }),
    (_cb, done) => done(Object.assign(new Error('Gone'), { statusCode: 410 })),
    (cb, done) => { cb('ADDED', cm('x', '101')); cb('BOOKMARK', { metadata: { resourceVersion: '120' } }); done(null); },
    () => {},
  ], calls);
  const w = new KindWatcher(client, RESOURCES.ConfigMap!, '5', { apply: (o) => { seen.push(String((o.metadata as { name: string }).name)); }, remove: () => {}, relist: async () => { relists++; return String(90 + relists * 5); } }, { backoff: { initialMs: 1, maxMs: 4 } });
  w.start();
  await until(() => calls.length === 4);
  await w.stop();
  assert.deepEqual(calls.map((c) => c.resourceVersion), ['5', '95', '100', '120']);
  assert.equal(relists, 2);
  assert.deepEqual(seen, ['x']);
  assert.deepEqual([w.stats.relists, w.stats.reconnects], [2, 0]);
});

test('connection errors reconnect with growing backoff from the last resourceVersion seen; DELETED removes', async () => {
  const calls: Array<Record<string, unknown>> = [];
  const removed: string[] = [];
  const times: number[] = [];
  const refused = (_cb: Cb, done: Done) => { times.push(Date.now()); done(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })); };
  const client = scripted([
    (cb, done) => { cb('DELETED', cm('y', '7')); done(new Error('Premature close')); },
    refused, refused, refused,
    () => {},
  ], calls);
  const w = new KindWatcher(client, RESOURCES.ConfigMap!, '3', { apply: () => {}, remove: (o) => { removed.push(String((o.metadata as { name: string }).name)); }, relist: async () => { throw new Error('no re-list expected'); } }, { backoff: { initialMs: 10, maxMs: 40 } });
  w.start();
  await until(() => calls.length === 5);
  await w.stop();
  assert.deepEqual(calls.map((c) => c.resourceVersion), ['3', '7', '7', '7', '7']);
  assert.deepEqual(removed, ['y']);
  assert.equal(w.stats.reconnects, 4);
  assert.equal(w.stats.relists, 0);
  assert.ok(times[2]! - times[1]! >= 15, `backoff grows: ${times[2]! - times[1]!}ms`);
});
