// Scans inputs: a cheap first pass collects the objects checks consult, the second parses and evaluates
// batches of documents, on both cores when the input is large enough to pay for a worker thread.
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { stat } from 'node:fs/promises';
import type { Worker } from 'node:worker_threads';
import { Engine, InventoryIndex, type EngineConfig, type PartialResult } from '../engine/engine.js';
import { severityRank, type InputError, type Report } from '../core/report.js';
import type { Obj } from '../k8s/values.js';
import type { ResolveOptions } from '../config/load.js';
import { parseChunks, parseManifests, readInput, splitDocuments, DEFAULT_MAX_FILE_BYTES, type InputText, type SourceObject } from '../source/load.js';
import { collectInputs, type InputOptions } from '../source/inputs.js';
import { batchesOf, evaluateBatch, type Batch, type WorkerInit } from './batches.js';

export interface ScanOptions {
  maxFileBytes?: number;
  /** worker threads (0: evaluate on the main thread); default: one per core when the input is large */
  workers?: number;
  /** how a worker rebuilds the same configuration (checks are code and cannot be sent to a thread) */
  rebuild?: { configFile: string | null; resolve: ResolveOptions };
  /** how folders are walked and charts rendered */
  inputs?: InputOptions;
}

/**
 * Context kinds are rare; only documents that mention one are parsed in the first pass. Every kind the inventory
 * keeps is named.
 */
const CONTEXT_HINT = /\b(?:ServiceAccount|Namespace|NetworkPolicy)\b/;
/**
 * Below this much input one thread is as fast (docs/benchmarks.md: two worker threads in one process run each
 * other's allocation-heavy parsing about 45% slower on 2 cores); above it, workers at least split the heap.
 */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;
/** Text read ahead of evaluation at most: memory follows the largest file, not the number of files. */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;
/** Text the first pass keeps for the second (beyond it files are read again): the size of one large input. */
const KEEP_BYTES = 64 * 1024 * 1024;

/** The documents of an input that may be context objects: only those are parsed in the first pass. */
function contextObjects(input: InputText): SourceObject[] {
  if (input.file.toLowerCase().endsWith('.json')) return parseManifests(input.file, input.text).objects;
  return parseChunks(input.file, splitDocuments(input.text).filter((c) => CONTEXT_HINT.test(c.text)), 0).objects;
}

function workerUrl(): URL {
  // Under tsx (tests) this module is the .ts source; compiled by tsc it is .js; bundled it is .mjs.
  const ext = /\.(ts|mjs)$/.exec(import.meta.url)?.[1] ?? 'js';
  return new URL(`./worker.${ext}`, import.meta.url);
}

class Pool {
  private idle: Worker[] = [];
  private waiting = new Map<number, (p: PartialResult) => void>();
  private freed: (() => void)[] = [];
  constructor(WorkerClass: typeof Worker, n: number, init: WorkerInit) {
    for (let i = 0; i < n; i++) {
      const w = new WorkerClass(workerUrl(), { workerData: init });
      w.on('message', (m: { id: number; partial: PartialResult }) => {
        this.idle.push(w);
        this.waiting.get(m.id)?.(m.partial);
        this.waiting.delete(m.id);
        this.freed.splice(0).forEach((f) => f());
      });
      w.on('error', (e) => { throw e; });
      this.idle.push(w);
    }
  }
  get free(): boolean { return this.idle.length > 0; }
  /** Resolves when a worker has finished its batch. */
  whenFree(): Promise<void> { return this.free ? Promise.resolve() : new Promise((r) => this.freed.push(r)); }
  run(b: Batch): Promise<PartialResult> {
    const w = this.idle.pop()!;
    return new Promise((resolve) => { this.waiting.set(b.id, resolve); w.postMessage(b); });
  }
  async close(): Promise<void> { await Promise.all([...this.idle].map((w) => w.terminate())); }
}

export async function scanPaths(paths: readonly string[], cfg: EngineConfig, opts: ScanOptions = {}): Promise<Report> {
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const { files, texts, errors, notices } = await collectInputs(paths, { ...opts.inputs, maxFileBytes: maxBytes });
  const inventory = new InventoryIndex(cfg.defaultNamespace);
  const context: Obj[] = [];
  let total = 0;
  // stdin and named pipes can be read only once: keep what they gave for the second pass.
  const once = new Map<string, InputText | InputError>();
  const firstPass = (input: InputText): void => {
    total += input.text.length;
    if (!CONTEXT_HINT.test(input.text)) return;
    for (const o of contextObjects(input)) if (inventory.add(o.object)) context.push(o.object);
  };
  let kept = 0;
  for (const f of files) {
    const input = await readInput(f, maxBytes);
    const size = 'text' in input ? input.text.length : 0;
    // Reading a file twice cost a fifth of a 23 MB scan: keep what fits, read again only past the budget.
    if (kept + size <= KEEP_BYTES || f === '-' || (await stat(f).then((s) => !s.isFile(), () => false))) {
      once.set(f, input);
      kept += size;
    }
    if ('message' in input) continue;
    firstPass(input);
  }
  texts.forEach(firstPass);
  const engine = new Engine(cfg, inventory);
  for (const e of errors) engine.addError(e);
  for (const n of notices) engine.addSkipped(n);

  // With workers, the main thread only reads and hands out batches: evaluating on it as well measured slower
  // (its heap holds the whole input and every result, so its collections pause the hand-out).
  const nWorkers = opts.workers ?? (total >= PARALLEL_MIN_BYTES ? availableParallelism() : 0);
  // node:worker_threads only when a pool is made: most scans run on one thread and need not load it.
  const pool = nWorkers > 0 && opts.rebuild
    ? new Pool((await import('node:worker_threads')).Worker, nWorkers, { ...opts.rebuild, inventory: context })
    : undefined;
  const results: PartialResult[] = [];
  const inFlight: Promise<void>[] = [];
  const queue: Batch[] = [];
  let queued = 0;
  let id = 0;

  const feedPool = (): void => {
    while (pool?.free && queue.length) {
      const b = queue.shift()!;
      queued -= size(b);
      inFlight.push(pool.run(b).then((p) => { results[b.id] = p; feedPool(); }));
    }
  };
  /** One unit of progress: a batch evaluated here, or (with workers) a batch handed out once one is free. */
  const step = async (): Promise<void> => {
    if (pool) {
      await pool.whenFree();
      feedPool();
      return;
    }
    const b = queue.shift()!;
    queued -= size(b);
    const local = new Engine(cfg, inventory);
    evaluateBatch(local, b);
    results[b.id] = local.partial();
    await yieldToEvents();
  };

  try {
    for (const f of [...files, ...texts]) {
      const input = typeof f !== 'string' ? f : once.get(f) ?? await readInput(f, maxBytes);
      if (typeof f === 'string') once.delete(f);
      if ('message' in input) { results[id++] = errorOnly(input); continue; }
      for (const b of batchesOf(input, () => id++)) { queue.push(b); queued += size(b); }
      feedPool();
      while (queued > READ_AHEAD_BYTES && queue.length) await step();
    }
    while (queue.length) await step();
    await Promise.all(inFlight);
  } finally {
    await pool?.close();
  }
  for (const p of results) if (p) engine.absorb(p);
  const report = engine.report();
  report.scanned = { paths: [...paths], files: files.length, objects: report.summary.resources, skipped: report.summary.skipped ?? 0 };
  return report;
}

function size(b: Batch): number {
  return b.json?.length ?? b.chunks.reduce((n, c) => n + c.text.length, 0);
}

function errorOnly(e: { file: string; line: number | null; message: string }): PartialResult {
  return { findings: [], errors: [e], notices: [], tallies: [], resources: 0, skipped: 0, usedExceptions: [], expiredExceptions: [] };
}

/** When the inputs held no Kubernetes object at all: a pass on nothing would be a false green. */
export function nothingToJudge(report: Report, paths: readonly string[]): InputError | undefined {
  if (report.summary.resources > 0 || report.errors.length > 0) return undefined;
  return noObjects(paths, report.summary.skipped ?? 0);
}

/** The input error of a run that read no Kubernetes object (fix, rbac and versions say it too). */
export function noObjects(paths: readonly string[], skipped: number): InputError {
  const why = skipped > 0 ? `${skipped} document${skipped === 1 ? ' was' : 's were'} not Kubernetes objects` : 'nothing was read';
  return { file: paths.map((p) => (p === '-' ? '<stdin>' : p)).join(', ') || '<stdin>', line: null, message: `no Kubernetes objects in the input: ${why} (pass --allow-empty if that is expected)` };
}

/** Exit code for a report: 2 on input errors, 1 on open findings at or above the threshold, else 0. */
export function exitCodeFor(report: Report, failOn: 'high' | 'medium' | 'low' | 'none'): number {
  if (report.errors.length > 0) return 2;
  if (failOn === 'none') return 0;
  return report.findings.some((f) => f.status === 'open' && severityRank[f.severity] >= severityRank[failOn]) ? 1 : 0;
}
