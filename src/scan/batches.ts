// Work units for a parallel scan: runs of documents of one file, sized so both cores stay busy.
import type { Engine } from '../engine/engine.js';
import type { ResolveOptions } from '../config/load.js';
import type { Obj } from '../k8s/values.js';
import { parseChunks, parseManifests, splitDocuments, type Chunk, type InputText } from '../source/load.js';
import { evaluateParsed } from './texts.js';

export interface Batch {
  id: number;
  file: string;
  /** index of the first chunk in its file */
  first: number;
  /** a whole JSON file, or documents of a YAML file */
  json?: string;
  chunks: Chunk[];
}

export interface WorkerInit {
  configFile: string | null;
  resolve: ResolveOptions;
  inventory: Obj[];
}

/** About this much text per batch: large enough to amortise messaging, small enough to balance two threads. */
export const BATCH_BYTES = 512 * 1024;

export function batchesOf(input: InputText, nextId: () => number): Batch[] {
  if (input.file.toLowerCase().endsWith('.json')) return [{ id: nextId(), file: input.file, first: 0, json: input.text, chunks: [] }];
  const out: Batch[] = [];
  let cur: Chunk[] = [];
  let size = 0;
  let first = 0;
  splitDocuments(input.text).forEach((c, i) => {
    if (cur.length === 0) first = i;
    cur.push(c);
    size += c.text.length;
    if (size >= BATCH_BYTES) {
      out.push({ id: nextId(), file: input.file, first, chunks: cur });
      cur = [];
      size = 0;
    }
  });
  if (cur.length) out.push({ id: nextId(), file: input.file, first, chunks: cur });
  return out;
}

export function evaluateBatch(engine: Engine, batch: Batch): void {
  evaluateParsed(engine, batch.json !== undefined ? parseManifests(batch.file, batch.json) : parseChunks(batch.file, batch.chunks, batch.first));
}
