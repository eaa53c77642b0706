// The HTML inspection report in real Chromium: no console errors, no network, working filters, counts equal to the JSON report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { resolveEngineConfig } from '../../src/config/load.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { scanPaths } from '../../src/scan/scan.js';
import { renderHtml } from '../../src/formatters/html.js';
import type { Lang, Report } from '../../src/model/types.js';

const CHROMIUM = '/usr/bin/chromium';
const root = join(import.meta.dirname, '../..');
const artifacts = join(root, 'test-artifacts');

async function launch(t: { skip(msg: string): void }): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM)) {
    if (process.env.CI === 'true') assert.fail('chromium is missing at /usr/bin/chromium (run tools/install-browser.sh)');
    t.skip('skipped: needs chromium');
    return undefined;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** The same scan `mamori scan --format json` runs, over the repository's examples and a file with an exception and a suppression. */
async function scanExamples(lang: Lang): Promise<Report> {
  mkdirSync(artifacts, { recursive: true });
  const extra = join(artifacts, 'report-extra.yaml');
  writeFileSync(extra, `apiVersion: v1
kind: Pod
metadata:
  name: debug-<script>alert(1)</script>
  namespace: tools
  annotations:
    mamori.dev/ignore: privileged-container
    mamori.dev/ignore-reason: "node debugging <b>only</b>"
spec:
  containers:
  - name: dbg
    image: busybox
    securityContext: {privileged: true}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: node-exporter, namespace: monitoring}
spec:
  template:
    spec:
      hostPID: true
      containers:
      - name: node-exporter
        image: prom/node-exporter
---
apiVersion: v1
kind: Pod
metadata: {name: broken
`);
  const ids = ALL_CHECKS.map((c) => c.meta.id);
  const cfg = resolveEngineConfig({ config: { exceptions: [{ policy: 'host-namespace-shared', resource: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' }, reason: 'reads host process metrics', owner: 'platform-team', expires: '2099-03-31' }] } as never, file: null }, { only: ids, lang, today: '2026-01-01' });
  return scanPaths([join(root, 'examples'), extra], cfg);
}

test('html report in chromium: loads cleanly, filters, counts match the JSON report, phone width', async (t) => {
  const browser = await launch(t);
  if (!browser) return;
  try {
    const report = await scanExamples('en');
    const json = JSON.parse(JSON.stringify(report)) as Report;
    const file = join(artifacts, 'report-en.html');
    writeFileSync(file, renderHtml(report, { lang: 'en' }));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url, { waitUntil: 'load' });
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((r) => r !== url), [], 'the page made network requests');
    await page.screenshot({ path: join(artifacts, 'report-en.png') });
    await page.screenshot({ path: join(artifacts, 'report-en-full.png'), fullPage: true });
    // The escaped resource name shows as text; nothing it contains ran.
    assert.equal(await page.locator('script').count(), 1);
    assert.ok((await page.textContent('body'))!.includes('debug-<script>alert(1)</script>'));

    // Summary cards and the recommendations table equal the JSON report.
    assert.equal(Number(await page.textContent('[data-count="open"] .n')), json.summary.findings);
    assert.equal(Number(await page.textContent('[data-count="excepted"] .n')), json.summary.excepted);
    assert.equal(Number(await page.textContent('[data-count="suppressed"] .n')), json.summary.suppressed);
    for (const s of ['high', 'medium', 'low'] as const) assert.equal(Number(await page.textContent(`[data-count="${s}"] .n`)), json.summary.bySeverity[s]);
    for (const p of json.policies) {
      const row = page.locator(`tr[data-policy="${p.policyId}"]`);
      assert.equal(Number(await row.locator('td.unhealthy').textContent()), p.unhealthy, p.policyId);
      assert.equal(Number(await row.locator('td.healthy').textContent()), p.evaluated - p.unhealthy, p.policyId);
    }
    const items = page.locator('li.finding');
    assert.equal(await items.count(), json.findings.length);
    assert.equal(await page.locator('li.finding[data-status="open"]').count(), json.summary.findings);
    assert.ok(json.errors.length > 0);
    assert.equal(await page.locator('table.err tbody tr').count(), json.errors.length);

    const visible = () => page.locator('li.finding:visible').count();
    // Severity filter.
    await page.selectOption('#f-sev', 'high');
    assert.equal(await visible(), json.findings.filter((f) => f.severity === 'high').length);
    assert.match((await page.textContent('#f-count'))!, new RegExp(`Showing ${json.findings.filter((f) => f.severity === 'high').length} of ${json.findings.length}`));
    // Namespace on top of severity.
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-ns', 'monitoring');
    assert.equal(await visible(), json.findings.filter((f) => f.resource.namespace === 'monitoring').length);
    // Status: the excepted finding is shown as such.
    await page.click('#f-reset');
    await page.selectOption('#f-status', 'excepted');
    assert.equal(await visible(), json.summary.excepted);
    assert.match((await page.locator('li.finding:visible').first().textContent())!, /Excepted: reads host process metrics \(owner: platform-team, expires: 2099-03-31\)/);
    await page.selectOption('#f-status', 'suppressed');
    assert.match((await page.locator('li.finding:visible').first().textContent())!, /Suppressed: node debugging <b>only<\/b>/);
    // Clicking a recommendation shows its findings only; keyboard works too.
    await page.click('#f-reset');
    const pc = json.findings.filter((f) => f.policyId === 'privileged-container').length;
    await page.click('tr[data-policy="privileged-container"] button');
    assert.equal(await page.inputValue('#f-pol'), 'privileged-container');
    assert.equal(await visible(), pc);
    await page.click('#f-reset');
    await page.focus('tr[data-policy="writable-root-filesystem"] button');
    await page.keyboard.press('Enter');
    assert.equal(await visible(), json.findings.filter((f) => f.policyId === 'writable-root-filesystem').length);
    await page.click('#f-reset');
    assert.equal(await visible(), json.findings.length);

    // The fix snippet of a privileged container finding is the YAML that fixes it.
    const fixText = await page.locator('li.finding[data-policy="privileged-container"][data-status="open"] pre').first().textContent();
    assert.match(fixText!, /securityContext:\n\s+privileged: false/);

    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(artifacts, 'report-en.pdf') });
    await page.emulateMedia({ media: 'screen' });

    // Phone width: nothing wider than the screen, filters still usable.
    const phone = await browser.newPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const phoneProblems: string[] = [];
    phone.on('pageerror', (e) => phoneProblems.push(`pageerror: ${e.message}`));
    await phone.goto(url);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await phone.selectOption('#f-sev', 'medium');
    assert.equal(await phone.locator('li.finding:visible').count(), json.findings.filter((f) => f.severity === 'medium').length);
    await phone.screenshot({ path: join(artifacts, 'report-phone.png'), fullPage: false });
    await phone.selectOption('#f-sev', '');
    await phone.locator('#recs-h').scrollIntoViewIfNeeded();
    await phone.screenshot({ path: join(artifacts, 'report-phone-recs.png'), fullPage: false });
    assert.deepEqual(phoneProblems, []);
  } finally {
    await browser.close();
  }
});

test('html report in chromium: Japanese', async (t) => {
  const browser = await launch(t);
  if (!browser) return;
  try {
    const report = await scanExamples('ja');
    const file = join(artifacts, 'report-ja.html');
    writeFileSync(file, renderHtml(report, { lang: 'ja' }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.textContent('h1'), 'mamori 検査レポート');
    assert.ok((await page.textContent('#recs-h')) === '推奨事項');
    assert.ok((await page.textContent('body'))!.includes('特権コンテナーの使用を避ける'));
    await page.selectOption('#f-sev', 'high');
    assert.match((await page.textContent('#f-count'))!, /件中 \d+ 件を表示/);
    await page.screenshot({ path: join(artifacts, 'report-ja.png') });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
