// Turns src/fix/observed.ts's rows into Pod manifests, fixes them with `mamori fix --write` as each row says, and reads a container's outcome the way the rows state it.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Observation } from '../../src/fix/observed.js';
import { spawn } from 'node:child_process';
import { IMAGES } from '../harness/node.js';
import { root, type PodInfo } from './support.js';

export const BUSYBOX = IMAGES.busybox;
export const NAMESPACE = 'evidence';

export interface Placeholders { HOSTDIR: string; PORT: string }

/** The row's `$HOSTDIR` and `$PORT` replaced in every string it holds. */
export function fill<T>(v: T, p: Placeholders): T {
  return JSON.parse(JSON.stringify(v).replace(/\$(HOSTDIR|PORT)\b/g, (_, k: keyof Placeholders) => p[k])) as T;
}

export function podFor(o: Observation, p: Placeholders, suffix: 'before' | 'after'): Record<string, unknown> {
  const filled = fill(o, p);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `${o.name}-${suffix}`, namespace: NAMESPACE, ...(filled.annotations ? { annotations: filled.annotations } : {}) },
    spec: {
      restartPolicy: 'Never',
      ...filled.spec,
      containers: [{
        name: 'app',
        image: BUSYBOX,
        command: ['sh', '-c', filled.command],
        // the last log line becomes the status message, so the outcome is read without `kubectl logs`
        terminationMessagePolicy: 'FallbackToLogsOnError',
        ...filled.container,
      }],
    },
  };
}

interface FixJson { files: Array<{ written: boolean; changes: Array<{ change: string; applied: boolean; policyId: string }> }> }

export interface FixedRow { before: string; after: string; applied: string[] }

/**
 * Writes each row's Pod into `dir` and runs `mamori fix --write` on it as the row says (all rows in one
 * process, test/live/fix-batch.ts); returns each fixed text and the ids of the changes applied.
 */
export async function fixRows(rows: readonly Observation[], p: Placeholders, dir: string): Promise<FixedRow[]> {
  const lines = rows.map((o) => {
    const at = join(dir, o.name);
    mkdirSync(at, { recursive: true });
    const file = join(at, 'pod.yaml');
    writeFileSync(file, stringify(podFor(o, p, 'before')));
    const args = ['fix', '--write', '--format', 'json', '--policy', o.check];
    if (o.parameters) {
      writeFileSync(join(at, 'mamori.yaml'), stringify({ policies: { [o.check]: { parameters: fill(o.parameters, p) } } }));
      args.push('--config', join(at, 'mamori.yaml'));
    }
    if (o.ask === 'suggestion') args.push('--apply-suggestion', o.check);
    for (const v of o.set ?? []) args.push('--set', v);
    return { args: [...args, file], cwd: at, file, before: readFileSync(file, 'utf8') };
  });
  writeFileSync(join(dir, 'lines.json'), JSON.stringify(lines.map(({ args, cwd }) => ({ args, cwd }))));
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(root, 'test', 'live', 'fix-batch.ts'), join(dir, 'lines.json'), join(dir, 'results.json')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c) => { stderr += c; });
  const code = await new Promise<number | null>((res) => child.on('close', res));
  assert.equal(code, 0, `fix-batch: ${stderr}`);
  const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as Array<{ code: number; stdout: string; stderr: string }>;
  return rows.map((o, i) => {
    const r = results[i]!;
    const line = lines[i]!;
    assert.ok(r.code === 0 || r.code === 1, `${o.name}: mamori ${line.args.join(' ')} exited ${r.code}: ${r.stderr}`);
    const applied = (JSON.parse(r.stdout) as FixJson).files.flatMap((f) => f.changes.filter((c) => c.applied).map((c) => c.change));
    return { before: line.before, after: readFileSync(line.file, 'utf8').replace(`name: ${o.name}-before`, `name: ${o.name}-after`), applied };
  });
}

/** A container's outcome in the rows' words, or undefined while it is still starting or running. */
export function outcome(pod: PodInfo): string | undefined {
  const s = pod.status?.containerStatuses?.find((c) => c.name === 'app');
  const term = s?.state?.terminated;
  if (term) {
    if (term.reason === 'Completed' && term.exitCode === 0) return 'Completed';
    const last = (term.message ?? '').trim().split('\n').pop()?.trim();
    return `${term.reason} (exit ${term.exitCode})${last ? `: ${last}` : ''}`;
  }
  const wait = s?.state?.waiting;
  // A refused container waits for ever; its reason and message (less the Pod's name and uid) are the outcome.
  if (wait?.reason && !['ContainerCreating', 'PodInitializing'].includes(wait.reason)) return `${wait.reason}: ${(wait.message ?? '').replace(/ \(pod: .*$/, '')}`;
  return undefined;
}
