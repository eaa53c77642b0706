// The HTML report in real Chromium at 10,000 findings: overview first, groups folded, filters and search, counts equal to the JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { resolveEngineConfig } from '../../src/config/load.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { scanPaths } from '../../src/scan/scan.js';
import { renderHtml } from '../../src/formatters/html.js';
import { compareWithBaseline } from '../../src/core/baseline.js';
import type { Finding, Lang, Report } from '../../src/core/report.js';
import { writeEstate, DOCS_FOR_10K_FINDINGS } from '../../bench/report-estate.js';

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

const EXTRA = `apiVersion: v1
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
`;

/**
 * The scan `mamori scan --format json --baseline` runs, over a generated estate of 10,000+ findings, a file with an
 * exception, a suppression and a broken document; the baseline lacks the first 40 findings (new) and has 3 that are gone (fixed).
 */
async function scanEstate(lang: Lang): Promise<Report> {
  mkdirSync(artifacts, { recursive: true });
  const dir = writeEstate(mkdtempSync(join(tmpdir(), 'mamori-estate-')), DOCS_FOR_10K_FINDINGS);
  writeFileSync(join(dir, 'extra.yaml'), EXTRA);
  const ids = ALL_CHECKS.map((c) => c.meta.id);
  const cfg = resolveEngineConfig({ config: { exceptions: [{ policy: 'host-namespace-shared', resource: { kind: 'DaemonSet', namespace: 'monitoring', name: 'node-exporter' }, reason: 'reads host process metrics', owner: 'platform-team', expires: '2099-03-31' }] } as never, file: null }, { only: ids, lang, today: '2026-01-01' });
  const report = await scanPaths([dir], cfg);
  report.generatedAt = '2026-11-30T09:15:00.000Z';
  const gone = (i: number): Finding => ({ ...report.findings[0]!, resource: { ...report.findings[0]!.resource, name: `retired-${i}` } });
  return compareWithBaseline(report, [...report.findings.slice(40), gone(1), gone(2), gone(3)], 'main.json');
}

interface Opened { page: Page; problems: string[]; requests: string[]; url: string }

async function open(browser: Browser, report: Report, lang: Lang, width = 1280): Promise<Opened> {
  const file = join(artifacts, `report-${lang}.html`);
  writeFileSync(file, renderHtml(report, { lang }));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, problems, requests, url };
}

/** Sum of the counts the visible top-level groups show: what the filters let through. */
async function shownCount(page: Page): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll('#groups > details')].reduce((n, d) => n + Number(d.getAttribute('data-count')), 0));
}

const count = (r: Report, pred: (f: Finding) => boolean): number => r.findings.filter(pred).length;

test('html report in chromium at 10,000 findings: overview, folded groups, filters and search equal the JSON report', async (t) => {
  const browser = await launch(t);
  if (!browser) return;
  try {
    const report = await scanEstate('en');
    const json = JSON.parse(JSON.stringify(report)) as Report;
    assert.ok(json.findings.length >= 10_000, `${json.findings.length} findings`);
    const { page, problems, requests, url } = await open(browser, report, 'en');
    assert.deepEqual(problems, []);
    assert.deepEqual(requests.filter((r) => r !== url), [], 'the page made network requests');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    assert.ok(height < 30_000, `first view is ${height}px tall`);
    await page.screenshot({ path: join(artifacts, 'report-en.png') });
    await page.screenshot({ path: join(artifacts, 'report-en-full.png'), fullPage: true });

    // Header: when, which version and profile, what was scanned, the exceptions in force.
    const scope = (await page.textContent('dl.scope'))!;
    assert.match(scope, /2026-11-30 09:15 UTC by mamori \d+\.\d+\.\d+/);
    assert.match(scope, new RegExp(`\\(${json.scanned!.files} files, ${json.scanned!.objects} objects, ${json.scanned!.skipped} skipped\\)`));
    assert.match(scope, /Exceptions in force1 \(matching 1 findings\)/);
    assert.match(scope, /main\.json: 40 new, \d+ unchanged, 3 fixed/);

    // Cards and recommendations equal the JSON report.
    const card = async (k: string) => Number(await page.textContent(`[data-count="${k}"] .n`));
    assert.equal(await card('open'), json.summary.findings);
    assert.equal(await card('excepted'), json.summary.excepted);
    assert.equal(await card('suppressed'), json.summary.suppressed);
    assert.equal(await card('new'), 40);
    assert.equal(await card('fixed'), 3);
    for (const s of ['high', 'medium', 'low'] as const) assert.equal(await card(s), json.summary.bySeverity[s]);
    for (const p of json.policies) {
      const row = page.locator(`tr[data-policy="${p.policyId}"]`);
      assert.equal(Number(await row.locator('td.unhealthy').textContent()), p.unhealthy, p.policyId);
      assert.equal(Number(await row.locator('td.healthy').textContent()), p.evaluated - p.unhealthy, p.policyId);
    }
    // Per namespace and per file: open findings equal the JSON's.
    for (const ns of ['team-3', 'monitoring']) {
      assert.equal(Number(await page.locator(`table.tally-ns tr[data-ns="${ns}"] td.open`).first().textContent()), count(json, (f) => f.status === 'open' && f.resource.namespace === ns), ns);
    }
    const aFile = json.findings[0]!.location!.file;
    assert.equal(Number(await page.locator(`table.tally-file tr[data-file="${aFile}"] td.open`).first().textContent()), count(json, (f) => f.status === 'open' && f.location?.file === aFile));

    // Grouped by recommendation, every group folded, nothing of a finding built yet; counts per group equal the JSON.
    const policies = [...new Set(json.findings.map((f) => f.policyId))];
    assert.equal(await page.locator('#groups > details.g-policy').count(), policies.length);
    assert.equal(await page.locator('#groups > details[open]').count(), 0);
    assert.equal(await page.locator('article.finding').count(), 0);
    assert.equal(await shownCount(page), json.findings.length);
    for (const id of policies) assert.equal(Number(await page.getAttribute(`#groups > details[data-policy="${id}"]`, 'data-count')), count(json, (f) => f.policyId === id), id);
    assert.equal(await page.textContent('#f-count'), `Showing ${json.findings.length} of ${json.findings.length} findings`);

    // Opening a recommendation shows its resources, folded; opening a resource shows its findings.
    const id = 'privileged-container';
    const resources = new Set(json.findings.filter((f) => f.policyId === id).map((f) => `${f.location?.file}|${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`));
    const group = page.locator(`#groups > details[data-policy="${id}"]`);
    await group.locator('> summary').click();
    assert.equal(await group.getAttribute('open'), '');
    // The report builds a group's rows on the toggle event, after the click returns: wait for them, then count.
    await group.locator('details.g-resource').first().waitFor();
    assert.equal(await group.locator('details.g-resource').count(), Math.min(100, resources.size));
    if (resources.size > 100) assert.match((await group.locator('> .body > button.more-btn').textContent())!, new RegExp(`Show ${Math.min(100, resources.size - 100)} more \\(${resources.size - 100} left\\)`));
    const first = group.locator('details.g-resource').first();
    await first.locator('summary').click();
    await first.locator('article.finding').first().waitFor();
    assert.equal(await first.locator('article.finding').count(), Number(await first.getAttribute('data-count')));
    assert.match((await first.locator('article.finding pre').first().textContent())!, /securityContext:\n\s+privileged: false/);
    await group.locator('> summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'report-en-group.png') });
    assert.equal(await page.locator('article.finding').count(), Number(await first.getAttribute('data-count')), 'other groups stay unbuilt');

    // Filters work on the full set.
    await page.selectOption('#f-sev', 'high');
    assert.equal(await shownCount(page), count(json, (f) => f.severity === 'high'));
    assert.equal(await page.textContent('#f-count'), `Showing ${count(json, (f) => f.severity === 'high')} of ${json.findings.length} findings`);
    await page.selectOption('#f-sev', '');
    await page.selectOption('#f-ns', 'monitoring');
    assert.equal(await shownCount(page), count(json, (f) => f.resource.namespace === 'monitoring'));
    await page.click('#f-reset');
    await page.selectOption('#f-file', aFile);
    assert.equal(await shownCount(page), count(json, (f) => f.location?.file === aFile));
    await page.click('#f-reset');
    await page.selectOption('#f-base', 'new');
    assert.equal(await shownCount(page), 40);
    await page.click('#f-reset');
    await page.selectOption('#f-status', 'excepted');
    assert.equal(await shownCount(page), json.summary.excepted);
    await page.locator('#groups details.g-policy > summary').first().click();
    await page.locator('#groups details.g-resource > summary').first().click();
    assert.match((await page.locator('article.finding').first().textContent())!, /Excepted: reads host process metrics \(owner: platform-team, expires: 2099-03-31\)/);
    await page.selectOption('#f-status', 'suppressed');
    await page.locator('#groups details.g-policy > summary').first().click();
    await page.locator('#groups details.g-resource > summary').first().click();
    assert.match((await page.locator('article.finding').first().textContent())!, /Suppressed: node debugging <b>only<\/b>/);
    // The escaped resource name shows as text; nothing it contains ran.
    assert.ok((await page.textContent('#groups'))!.includes('debug-<script>alert(1)</script>'));
    assert.equal(await page.locator('script:not([type])').count(), 1);

    // Search: every word must occur in the policy, title, resource, container, field, message or file.
    await page.click('#f-reset');
    const titles = new Map(json.policies.map((p) => [p.policyId, p.title]));
    const hay = (f: Finding) => [f.policyId, titles.get(f.policyId) ?? f.policyId, f.resource.kind, f.resource.namespace ?? '-', f.resource.name, f.container ?? '', f.path, f.message, f.location?.file ?? ''].join('\n').toLowerCase();
    for (const q of ['sidecar', 'app-17 hostPort', 'NET_ADMIN team-4']) {
      await page.fill('#f-q', q);
      const words = q.toLowerCase().split(/\s+/);
      const expected = count(json, (f) => words.every((w) => hay(f).includes(w)));
      await page.waitForFunction((n) => document.getElementById('f-count')!.textContent!.startsWith(`Showing ${n} of`), expected);
      assert.equal(await shownCount(page), expected, q);
    }
    await page.fill('#f-q', '');

    // Clicking a recommendation in the overview shows its findings only, opened; the keyboard works too.
    await page.click('#f-reset');
    await page.click('tr[data-policy="writable-root-filesystem"] button');
    assert.equal(await page.inputValue('#f-pol'), 'writable-root-filesystem');
    assert.equal(await shownCount(page), count(json, (f) => f.policyId === 'writable-root-filesystem'));
    assert.equal(await page.getAttribute('#groups > details[data-policy="writable-root-filesystem"]', 'open'), '');
    // A search typed just before the click (its 120 ms debounce still pending) must not rebuild the groups afterwards.
    await page.evaluate(() => {
      const q = document.getElementById('f-q') as HTMLInputElement;
      q.value = 'sidecar';
      q.dispatchEvent(new Event('input'));
      document.querySelector<HTMLButtonElement>('tr[data-policy="writable-root-filesystem"] button')!.click();
    });
    await page.waitForTimeout(400);
    assert.equal(await page.inputValue('#f-q'), '');
    assert.equal(await page.getAttribute('#groups > details[data-policy="writable-root-filesystem"]', 'open'), '', 'the debounced search closed the opened group');
    await page.focus('tr[data-policy="run-as-root"] button');
    await page.keyboard.press('Enter');
    assert.equal(await shownCount(page), count(json, (f) => f.policyId === 'run-as-root'));
    const topNs = (await page.getAttribute('table.tally-ns tbody tr >> nth=0', 'data-ns'))!;
    await page.click(`table.tally-ns tr[data-ns="${topNs}"] button >> nth=0`);
    assert.equal(await page.inputValue('#f-ns'), topNs);
    assert.equal(await shownCount(page), count(json, (f) => f.resource.namespace === topNs));

    // Grouped by resource: one group per file and resource, paged.
    await page.click('#f-reset');
    await page.selectOption('#f-group', 'resource');
    const allResources = new Set(json.findings.map((f) => `${f.location?.file}|${f.resource.kind}/${f.resource.namespace}/${f.resource.name}`));
    assert.equal(await page.locator('#groups > details.g-resource').count(), Math.min(100, allResources.size));
    await page.click('#groups > button.more-btn');
    assert.equal(await page.locator('#groups > details.g-resource').count(), Math.min(200, allResources.size));
    await page.selectOption('#f-group', 'policy');

    // Input errors and fixed findings come last, collapsed.
    assert.ok(json.errors.length > 0);
    assert.equal(await page.getAttribute('details#errors', 'open'), null);
    assert.equal(await page.locator('details#errors table.err tbody tr').count(), json.errors.length);
    assert.equal(await page.locator('details#fixed li').count(), 3);
    const order = await page.evaluate(() => ['recs-h', 'ns-h', 'findings-h', 'fixed-h', 'errors-h'].map((h) => document.getElementById(h)!.getBoundingClientRect().top + window.scrollY));
    assert.deepEqual(order, [...order].sort((a, b) => a - b), 'overview first, errors last');
    assert.deepEqual(problems, []);

    // Phone width: nothing wider than the screen.
    const phone = await open(browser, report, 'en', 375);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await phone.page.screenshot({ path: join(artifacts, 'report-phone.png') });
    assert.deepEqual(phone.problems, []);
  } finally {
    await browser.close();
  }
});

test('html report in chromium at 10,000 findings: Japanese', async (t) => {
  const browser = await launch(t);
  if (!browser) return;
  try {
    const report = await scanEstate('ja');
    const { page, problems } = await open(browser, report, 'ja');
    assert.equal(await page.getAttribute('html', 'lang'), 'ja');
    assert.equal(await page.textContent('h1'), 'mamori 検査レポート');
    assert.equal(await page.textContent('#recs-h'), '推奨事項');
    assert.match((await page.textContent('dl.scope'))!, /2026-11-30 09:15 UTC mamori \S+ で作成/);
    assert.equal(await page.textContent('#f-count'), `${report.findings.length} 件中 ${report.findings.length} 件を表示`);
    await page.screenshot({ path: join(artifacts, 'report-ja.png') });
    await page.selectOption('#f-sev', 'high');
    assert.equal(await page.textContent('#f-count'), `${report.findings.length} 件中 ${count(report, (f) => f.severity === 'high')} 件を表示`);
    await page.click('#f-reset');
    const group = page.locator('#groups > details[data-policy="privileged-container"]');
    await group.locator('> summary').click();
    await group.locator('details.g-resource > summary').first().click();
    assert.ok((await group.textContent())!.includes('特権コンテナー'));
    await group.locator('> summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, 'report-ja-group.png') });
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
  }
});
