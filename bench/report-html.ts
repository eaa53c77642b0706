// Benchmark of the HTML report: file size, time until usable and first-view height in headless Chromium,
// at growing numbers of findings. Run: npm run bench -- report-html [findings…] (default 1000 5000 10000 20000)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { resolveEngineConfig } from '../src/config/load.js';
import { ALL_CHECKS } from '../src/checks/index.js';
import { scanPaths } from '../src/scan/scan.js';
import { renderHtml } from '../src/formatters/html.js';
import { writeEstate, DOCS_FOR_10K_FINDINGS } from './report-estate.js';

const targets = process.argv.slice(2).map(Number).filter((n) => n > 0);
const sizes = targets.length ? targets : [1000, 5000, 10_000, 20_000];
const cfg = resolveEngineConfig({ config: {} as never, file: null }, { only: ALL_CHECKS.map((c) => c.meta.id), lang: 'en' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

process.stdout.write(`load average before: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
process.stdout.write('| findings | HTML bytes | bytes/finding | render ms | load event ms | usable ms (script done) | first view px |\n|---|---|---|---|---|---|---|\n');
for (const want of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-html-'));
  try {
    writeEstate(dir, Math.ceil((DOCS_FOR_10K_FINDINGS * want) / 10_000));
    const report = await scanPaths([dir], cfg);
    const t0 = process.hrtime.bigint();
    const html = renderHtml(report, { lang: 'en' });
    const renderMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const file = join(dir, 'report.html');
    writeFileSync(file, html);
    const loads: number[] = [];
    const ready: number[] = [];
    let height = 0;
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      const m = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const mark = performance.getEntriesByName('mamori-ready')[0];
        return { load: nav.loadEventEnd, ready: mark ? mark.startTime : NaN, height: document.documentElement.scrollHeight };
      });
      loads.push(m.load);
      ready.push(m.ready);
      height = m.height;
      await page.close();
    }
    const n = report.findings.length;
    process.stdout.write(`| ${n} | ${html.length} | ${(html.length / n).toFixed(0)} | ${renderMs.toFixed(0)} | ${median(loads).toFixed(0)} | ${median(ready).toFixed(0)} | ${height} |\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
process.stdout.write(`load average after: ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
await browser.close();
