// One entry point for every output format: pure functions from the report model to text.
import type { Report } from '../core/report.js';
import type { RuleMeta } from './rules.js';
import type { Format, RenderOptions } from './formats.js';
import { renderJson } from './json.js';
import { renderTable } from './table.js';
import { renderSarif } from './sarif.js';
import { renderJunit } from './junit.js';
import { renderHtml } from './html.js';

export { FORMATS, type Format, type RenderOptions } from './formats.js';

export function renderReport(report: Report, format: Format, opts: RenderOptions): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'sarif': return renderSarif(report, opts.rules ?? []);
    case 'junit': return renderJunit(report);
    case 'table': return renderTable(report, { color: opts.color, verbose: opts.verbose });
    case 'html': return renderHtml(report, { lang: opts.lang });
  }
}

export type { RuleMeta };
