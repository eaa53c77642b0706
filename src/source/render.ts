// Renders Helm charts and kustomizations with the user's own helm / kustomize, so their output is judged, not their templates.
import type * as ChildProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, basename } from 'node:path';
import type { InputError } from '../core/report.js';
import type { InputText } from './input-text.js';

export interface HelmOptions { values?: readonly string[]; set?: readonly string[] }

export interface Rendered { texts: InputText[]; errors: InputError[]; notices: InputError[] }

/** The first of the names found as an executable on PATH, or undefined. */
export function onPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try { accessSync(p, constants.X_OK); return p; } catch { /* not here */ }
  }
  return undefined;
}

/** Rendered output can be large; helm and kustomize print nothing else on stdout. */
const MAX_RENDERED_BYTES = 256 * 1024 * 1024;

/** node:child_process (with node:net under it) costs a start-up that renders nothing: loaded when a chart is rendered. */
const childProcess = (): typeof ChildProcess => createRequire(import.meta.url)('node:child_process') as typeof ChildProcess;

function run(cmd: string, args: string[]): { ok: true; out: string } | { ok: false; why: string } {
  const r = childProcess().spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: MAX_RENDERED_BYTES, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return { ok: false, why: r.error.message };
  if (r.status !== 0) return { ok: false, why: (r.stderr.trim().split('\n').find((l) => l.trim()) ?? `exit ${r.status}`).trim() };
  return { ok: true, out: r.stdout };
}

/**
 * Splits helm's output at its `# Source: <chart>/<path>` comments: each template's documents become one text
 * named by the template file, so findings point at the file to edit (lines are those of the rendered text).
 */
export function splitHelmOutput(chartDir: string, out: string): InputText[] {
  const byFile = new Map<string, string[]>();
  let current = join(chartDir, 'templates');
  let doc: string[] = [];
  const flush = (): void => {
    if (doc.some((l) => l.trim() !== '' && !l.startsWith('#') && l !== '---')) {
      const list = byFile.get(current) ?? [];
      list.push(doc.filter((l) => l !== '---').join('\n'));
      byFile.set(current, list);
    }
    doc = [];
  };
  for (const line of out.split('\n')) {
    if (line === '---') { flush(); continue; }
    const src = line.startsWith('# Source: ') ? line.slice('# Source: '.length).trim() : undefined;
    if (src !== undefined && doc.every((l) => l.trim() === '')) {
      // the first segment is the chart's name; the rest is the path inside the chart (subcharts under charts/)
      const rest = src.split('/').slice(1).join('/');
      current = rest ? join(chartDir, rest) : chartDir;
    }
    doc.push(line);
  }
  flush();
  return [...byFile].map(([file, docs]) => ({ file, text: docs.join('\n---\n') }));
}

export function renderChart(dir: string, opts: HelmOptions): Rendered {
  const helm = onPath('helm');
  if (!helm) {
    return { texts: [], errors: [], notices: [{ file: dir, line: null, message: `a Helm chart, not scanned: helm is not on PATH (install helm, or run helm template ${dir} | mamori scan -)` }] };
  }
  const args = ['template', basename(dir) || 'release', dir];
  for (const v of opts.values ?? []) args.push('--values', v);
  for (const s of opts.set ?? []) args.push('--set', s);
  const r = run(helm, args);
  if (!r.ok) return { texts: [], errors: [{ file: dir, line: null, message: `helm template failed: ${r.why}` }], notices: [] };
  return { texts: splitHelmOutput(dir, r.out), errors: [], notices: [] };
}

export function renderKustomization(dir: string): Rendered {
  const kubectl = onPath('kubectl');
  const kustomize = kubectl ? undefined : onPath('kustomize');
  if (!kubectl && !kustomize) {
    return { texts: [], errors: [], notices: [{ file: dir, line: null, message: `a kustomization, scanned as plain files: neither kubectl nor kustomize is on PATH (or run kubectl kustomize ${dir} | mamori scan -)` }] };
  }
  const r = kubectl ? run(kubectl, ['kustomize', dir]) : run(kustomize!, ['build', dir]);
  if (!r.ok) return { texts: [], errors: [{ file: dir, line: null, message: `${kubectl ? 'kubectl kustomize' : 'kustomize build'} failed: ${r.why}` }], notices: [] };
  return { texts: [{ file: join(dir, 'kustomization.yaml'), text: r.out }], errors: [], notices: [] };
}
