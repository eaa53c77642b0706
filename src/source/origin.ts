// Where an object came from, as the engine wants it: its file and a locator for paths inside it.
import type { Origin } from '../core/report.js';
import type { SourceObject } from './load.js';

export function originOf(o: SourceObject): Origin {
  return { file: o.file, locate: (p) => o.locator.locate([...o.basePath, ...p]) };
}
