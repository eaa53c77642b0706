// A generated estate for the report benchmarks and the browser test: workloads spread over files and namespaces.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { workloadDoc } from './corpus.js';

/** Writes `docs` workload documents, `perFile` to a file, under dir/<team>/ folders; returns dir. */
export function writeEstate(dir: string, docs: number, perFile = 25): string {
  for (let start = 0, n = 0; start < docs; start += perFile, n++) {
    const sub = join(dir, `service-${n % 12}`);
    mkdirSync(sub, { recursive: true });
    const text = Array.from({ length: Math.min(perFile, docs - start) }, (_, i) => workloadDoc(start + i)).join('\n---\n');
    writeFileSync(join(sub, `workloads-${String(n).padStart(4, '0')}.yaml`), `${text}\n`);
  }
  return dir;
}

/** About 14.7 findings per document under the defender profile with every check (bench/corpus.ts's mix). */
export const DOCS_FOR_10K_FINDINGS = 730;
