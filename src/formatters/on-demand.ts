// renderReport with only the requested format's renderer imported: a scan renders one format, not five.
import type { Report } from '../core/report.js';
import type { Format, RenderOptions } from './formats.js';

/** The same text as renderReport (index.ts; a test holds them equal), after importing the one renderer it needs. */
export async function renderOnDemand(report: Report, format: Format, opts: RenderOptions): Promise<string> {
  switch (format) {
    case 'json': return (await import('./json.js')).renderJson(report);
    case 'sarif': return (await import('./sarif.js')).renderSarif(report, opts.rules ?? []);
    case 'junit': return (await import('./junit.js')).renderJunit(report);
    case 'table': return (await import('./table.js')).renderTable(report, { color: opts.color, verbose: opts.verbose });
    case 'html': return (await import('./html.js')).renderHtml(report, { lang: opts.lang });
  }
}
