// renderOnDemand against renderReport: the same text in every format, language and colour, on a real scan's report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { renderReport, FORMATS } from './index.js';
import { renderOnDemand } from './on-demand.js';
import { resolveEngineConfig } from '../config/load.js';
import { scanPaths } from '../scan/scan.js';
import { catalogueRules } from '../cli/rules.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');

test('every format renders the same text loaded on demand as through renderReport', async () => {
  for (const lang of ['en', 'ja'] as const) {
    const report = await scanPaths([EXAMPLES], resolveEngineConfig({ config: {}, file: null }, { lang }));
    assert.ok(report.findings.length > 0, 'the examples have findings to render');
    for (const format of FORMATS) {
      for (const opts of [{ lang, color: false }, { lang, color: true, verbose: true, rules: catalogueRules() }]) {
        const text = await renderOnDemand(report, format, opts);
        assert.ok(text.length > 0);
        assert.equal(text, renderReport(report, format, opts), `${format} ${lang} ${JSON.stringify({ ...opts, rules: opts.rules?.length })}`);
      }
    }
  }
});
