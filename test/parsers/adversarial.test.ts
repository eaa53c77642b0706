// Every hand-written parser on adversarial input (long runs of #, -, spaces, quotes, brackets, backslashes):
// each call must end within seconds, which catches the super-linear backtracking that once hung `mamori scan`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isBlank, parseManifests, splitDocuments, templateLine } from '../../src/source/load.js';
import { fastLocate, needsFullParser, rowsOf } from '../../src/source/fast-locate.js';
import { flowLocate } from '../../src/source/flow-locate.js';
import { Locator } from '../../src/source/locate.js';
import { parseStraceLine, splitCall, hasSplicedNotice } from '../../src/seccomp/strace-line.js';
import { auditFields, auditStamp, parseAuditAppArmor, parseAuditSeccomp } from '../../src/seccomp/audit-line.js';
import { lossNotice, seccompAction } from '../../src/seccomp/record-line.js';
import { cgroupMatches, parseKmsgRecord, parseContainerId, parseProcStat } from '../../src/seccomp/record-live.js';
import { Recording } from '../../src/seccomp/record.js';
import { parseJsonLossless } from '../../src/seccomp/json-lossless.js';
import { lintAppArmorText } from '../../src/apparmor/lint.js';

/** Generous: a linear parser takes milliseconds on these sizes; a quadratic one seconds, an exponential one forever. */
const LIMIT_MS = 3000;
/** Long enough that quadratic work (2.5e9 steps) cannot hide under the limit. */
const RUN = 50_000;

const pieces = ['#', '-', ' ', '\t', '"', "'", '[', ']', '{', '}', '\\', ':', '*', '&', '=', '\n', '--- ', '{{ ', 'a', '0', '/', '(', ')', '<', '>', '@{'];
/** A short unit of adversarial characters, repeated to a long run, with a prefix and a suffix that may reject it. */
const adversarial = fc.record({
  prefix: fc.constantFrom('', 'apiVersion: v1\nkind: Pod\n', 'a: ', '- ', 'profile p {\n', '[pid 1] open(', 'type=1326 audit(1.2:3): ', '{"a": '),
  unit: fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
  suffix: fc.constantFrom('', '\n', 'x', '!', '"', ']', '}', ')', ' = 0', '\u0001'),
}).map(({ prefix, unit, suffix }) => prefix + unit.repeat(Math.ceil(RUN / unit.length)) + suffix);

/** The same runs after the prefixes of the kernel log lines `seccomp record` reads. */
const kernelLog = fc.record({
  prefix: fc.constantFrom('', 'type=1326 audit(1.2:3): ', 'type=SECCOMP msg=audit(11/30/2026 21:00:00', '6,1,2,-;', '8:pids:/kubepods', '42 (a) b) Z ', 'kauditd_printk_skb: 1', 'audit: audit_lost='),
  unit: fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
  suffix: fc.constantFrom('', '\n', 'x', ')', ' = 0', ' callbacks suppressed', ':5)'),
}).map(({ prefix, unit, suffix }) => prefix + unit.repeat(Math.ceil(RUN / unit.length)) + suffix);

function withinLimit(name: string, f: (s: string) => unknown, inputs: fc.Arbitrary<string> = adversarial): void {
  const time = (s: string): number => {
    const t0 = process.hrtime.bigint();
    try { f(s); } catch { /* a parser may refuse the input; it must only refuse quickly */ }
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  fc.assert(fc.property(inputs, (s) => {
    // The best of three: a busy machine can stall one run, but a super-linear parser is slow every time.
    let ms = time(s);
    for (let i = 0; i < 2 && ms >= LIMIT_MS; i++) ms = Math.min(ms, time(s));
    assert.ok(ms < LIMIT_MS, `${name}: ${ms.toFixed(0)} ms on ${JSON.stringify(s.slice(0, 60))}… (${s.length} chars)`);
  }), { numRuns: 40, seed: 10 });
}

test('adversarial: document splitter, blank check and template detection', () => {
  withinLimit('splitDocuments', splitDocuments);
  withinLimit('isBlank', isBlank);
  withinLimit('templateLine', templateLine);
});

test('adversarial: the whole YAML and JSON loaders', () => {
  withinLimit('parseManifests yaml', (s) => parseManifests('x.yaml', s));
  withinLimit('parseManifests json', (s) => parseManifests('x.json', s));
});

test('adversarial: locators (indentation, flow, full)', () => {
  const path = ['spec', 'containers', 0, 'securityContext', 'privileged'];
  withinLimit('needsFullParser', needsFullParser);
  withinLimit('fastLocate', (s) => fastLocate(rowsOf(s), path));
  withinLimit('flowLocate', (s) => flowLocate(s, 0, path));
  withinLimit('Locator', (s) => new Locator({ file: 'x', text: s, startLine: 1 }).locate(path));
});

test('adversarial: strace and kernel audit line readers', () => {
  withinLimit('parseStraceLine', parseStraceLine);
  withinLimit('splitCall', splitCall);
  withinLimit('hasSplicedNotice', hasSplicedNotice);
  withinLimit('auditFields', auditFields);
  withinLimit('parseAuditSeccomp', parseAuditSeccomp);
  withinLimit('parseAuditAppArmor', parseAuditAppArmor);
});

test('adversarial: seccomp record\'s readers (stamps, actions, loss notices, kmsg records, cgroup and stat files, the whole recording)', () => {
  withinLimit('auditStamp', auditStamp, kernelLog);
  withinLimit('seccompAction', seccompAction, kernelLog);
  withinLimit('lossNotice', lossNotice, kernelLog);
  withinLimit('parseKmsgRecord', parseKmsgRecord, kernelLog);
  withinLimit('parseContainerId', parseContainerId, kernelLog);
  withinLimit('parseProcStat', parseProcStat, kernelLog);
  withinLimit('cgroupMatches', (s) => cgroupMatches(s, { kind: 'pod', uid: '0b7e6c1a-2d3f-4e5a-8b9c-0d1e2f3a4b5c' }) || cgroupMatches(s, { kind: 'cgroup', path: '/kubepods' }), kernelLog);
  withinLimit('Recording', (s) => { const r = new Recording('x86_64', {}, () => 'gone', 0); for (const l of s.split('\n')) r.line(l, 'x'); r.end(); }, kernelLog);
});

test('adversarial: AppArmor reader and lossless JSON', () => {
  withinLimit('lintAppArmorText', lintAppArmorText);
  withinLimit('parseJsonLossless', parseJsonLossless);
});

test('adversarial: a banner of any length is blank, and a document after it is not', () => {
  assert.equal(isBlank(`${'#'.repeat(RUN)}\nx`), false);
  assert.equal(isBlank(`${'#'.repeat(RUN)}\n  # more\n\n`), true);
  assert.equal(parseManifests('x.yaml', `${'#'.repeat(RUN)}\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\n`).objects.length, 1);
});
