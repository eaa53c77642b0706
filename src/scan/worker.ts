// A scan worker thread: rebuilds the engine configuration, then parses and evaluates batches of documents.
import { parentPort, workerData } from 'node:worker_threads';
import { loadConfigFile, resolveEngineConfig } from '../config/load.js';
import { Engine, InventoryIndex } from '../engine/engine.js';
import { evaluateBatch, type Batch, type WorkerInit } from './batches.js';

const init = workerData as WorkerInit;
const cfg = resolveEngineConfig(loadConfigFile(init.configFile ?? undefined), init.resolve);
const inventory = new InventoryIndex(cfg.defaultNamespace);
for (const o of init.inventory) inventory.add(o);

parentPort!.on('message', (batch: Batch) => {
  const engine = new Engine(cfg, inventory);
  evaluateBatch(engine, batch);
  parentPort!.postMessage({ id: batch.id, partial: engine.partial() });
});
