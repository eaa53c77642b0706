// Everything a command reads: the walk's files, plus the output of each chart and kustomization it found, rendered.
import type { InputError } from '../core/report.js';
import type { InputText } from './load.js';
import { expandInputs, type WalkOptions } from './walk.js';
import { renderChart, renderKustomization, type HelmOptions } from './render.js';

export interface InputOptions extends WalkOptions {
  maxFileBytes?: number;
  helm?: HelmOptions;
  /** false: charts and kustomizations are noted, not rendered (fix edits files, not rendered output) */
  render?: boolean;
}

export interface Inputs { files: string[]; texts: InputText[]; errors: InputError[]; notices: InputError[] }

export async function collectInputs(paths: readonly string[], opts: InputOptions = {}): Promise<Inputs> {
  const walked = await expandInputs(paths, opts);
  const out: Inputs = { files: [], texts: [], errors: walked.errors, notices: walked.notices };
  const rendered = new Set<string>();
  for (const dir of walked.charts) {
    if (opts.render === false) { out.notices.push({ file: dir, line: null, message: 'a Helm chart: its templates are not plain YAML, so not read here' }); continue; }
    const r = renderChart(dir, opts.helm ?? {});
    out.texts.push(...r.texts); out.errors.push(...r.errors); out.notices.push(...r.notices);
  }
  for (const dir of walked.kustomizations) {
    if (opts.render === false) continue;
    const r = renderKustomization(dir);
    out.texts.push(...r.texts); out.errors.push(...r.errors); out.notices.push(...r.notices);
    if (r.texts.length || r.errors.length) rendered.add(dir);
  }
  // A rendered kustomization replaces the files it was made from: judging both would count each object twice.
  const sep = '/';
  out.files = walked.files.filter((f) => ![...rendered].some((d) => f.startsWith(d.endsWith(sep) ? d : d + sep)));
  return out;
}
