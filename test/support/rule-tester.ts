// The shared rule tester for every family (ESLint's RuleTester is the model): valid and invalid cases, messages, paths, lines and fixes asserted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import type { z } from 'zod';
import type { Finding, Lang, Report, Severity, Text } from '../../src/core/report.js';
import { say, type Rule, type RuleMeta, type Violation } from '../../src/core/rule.js';
import { formatPath } from '../../src/core/path.js';
import type { Check, ObjectCheck, PodCheck } from '../../src/checks/types.js';
import { Engine, InventoryIndex, type EngineConfig } from '../../src/engine/engine.js';
import { parseManifests } from '../../src/source/load.js';
import { originOf } from '../../src/source/origin.js';
import { fixText, type ObjectEdit } from '../../src/fix/text.js';
import { isMessage, messageIdOf } from './rule-messages.js';

export { fitsTemplate, isMessage, literalsOf, messageIdOf } from './rule-messages.js';

/** One expected finding, in the order the rule reports them (source order for families with lines). */
export interface ExpectedError {
  /** a message of the rule's `meta.messages`; with `data` the whole text is compared, without it the template */
  messageId?: string;
  data?: Readonly<Record<string, string | number>>;
  /** the whole message in the case's language (or a pattern it must match) */
  message?: string | RegExp;
  /** the object path the finding points at, e.g. "spec.containers[0].securityContext.privileged" */
  path: string;
  /** the container named by the finding; null for pod- or object-level findings */
  container?: string | null;
  /** "Kind/name" of the object reported (manifest rules with several objects in one case) */
  resource?: string;
  /** the source line the finding points at; null: none. Required by families whose findings have lines (profile lint) */
  line?: number | null;
  column?: number | null;
  /** the finding's severity (a rule may report a milder or graver case than its own) */
  severity?: Severity;
  /** the message of `meta.messages` the finding's own remediation is (RBAC, versions); null: it has none */
  remediationId?: string | null;
  /** the id of the declared change the finding's fix or suggestion is (`meta.changes`) */
  change?: string;
  /** the text after applying only this finding's suggestion (a change offered, not applied by default); null: none */
  suggestion?: string | null;
}

/** What a rule reported, reduced to what an expected error can state. */
export interface Reported {
  /** the message in the case's language */
  message: string;
  /** both languages, when the family keeps them (rules judged on a subject) */
  messages?: Text;
  path: string;
  container: string | null;
  resource?: string;
  line: number | null;
  column: number | null;
  severity: Severity;
  change?: string;
  /** the finding's own remediation, when it has one */
  remediation?: Text;
  /** the case's text with only this finding's suggestion applied (manifest rules), or null without one */
  suggested?: string | null;
}

/** A test the tester registers: its name under the rule's id, and the body that throws when it fails. */
export interface PlannedTest { name: string; fn: () => void }

interface BaseCase { name?: string; lang?: Lang; evaluated?: false }
type Invalid<C> = C & { errors: readonly ExpectedError[] };

interface Judged { reported: Reported[]; evaluated: number }

/** One rule's cases, whatever the family: how to judge a case and what makes two cases the same. */
interface Suite<C extends BaseCase, J extends Judged> {
  meta: RuleMeta;
  /** the family's findings have lines: every expected error states one */
  locations: boolean;
  valid: readonly C[];
  invalid: readonly Invalid<C>[];
  /** what a case gives the rule (its input, parameters, language): two cases giving the same are one case */
  inputOf(c: C): unknown;
  judge(c: C): J;
  /** a finding's change (fix or suggestion) must be stated: no family but manifest checks can show its text yet */
  statesChanges?: boolean;
  /** what an invalid case asserts after its errors (the manifest family's fixes) */
  afterInvalid?(c: Invalid<C>, judged: J): void;
}

const label = (kind: 'valid' | 'invalid', c: BaseCase, i: number): string => `${kind} ${c.name ?? `#${i + 1}`}`;

/** The tests of one rule: the table's own soundness, one per case, and that every message of the rule is produced. */
function planSuite<C extends BaseCase, J extends Judged>(s: Suite<C, J>): PlannedTest[] {
  const id = s.meta.id;
  const tests: PlannedTest[] = [{ name: 'the table states each case once and every error by a message of the rule', fn: () => assertTable(s) }];
  s.valid.forEach((c, i) => tests.push({
    name: label('valid', c, i),
    fn: () => {
      const run = s.judge(c);
      assertErrors(s.meta, run.reported, [], c.lang ?? 'en');
      if (c.evaluated !== false) assert.ok(run.evaluated > 0, `${id} judged nothing in this case, so it tests nothing (say evaluated: false if that is the point)`);
      else assert.equal(run.evaluated, 0, `${id} judged something in this case marked evaluated: false`);
    },
  }));
  s.invalid.forEach((c, i) => tests.push({
    name: label('invalid', c, i),
    fn: () => {
      assertCaseStated(s.meta, c, s.locations, label('invalid', c, i));
      const run = s.judge(c);
      assertErrors(s.meta, run.reported, c.errors, c.lang ?? 'en');
      if (s.statesChanges) {
        run.reported.forEach((r, j) => assert.ok(r.change === undefined || c.errors[j]!.change !== undefined, `error ${j + 1} of ${id}: it makes change ${r.change}; state change`));
      }
      s.afterInvalid?.(c, run);
    },
  }));
  tests.push({ name: 'every message of the rule is produced by an invalid case', fn: () => assertMessagesTested(s) });
  return tests;
}

function register(id: string, tests: readonly PlannedTest[]): void {
  describe(id, () => { for (const t of tests) test(t.name, t.fn); });
}

/** The table is sound before any case runs: cases stated once, invalid cases with errors the rule can report. */
function assertTable<C extends BaseCase, J extends Judged>(s: Suite<C, J>): void {
  const seen = new Map<string, string>();
  const names = new Map<string, string>();
  const each = (kind: 'valid' | 'invalid', c: C, i: number): void => {
    const at = label(kind, c, i);
    const key = inspect(s.inputOf(c), { depth: Infinity, sorted: true, maxArrayLength: Infinity, maxStringLength: Infinity, breakLength: Infinity });
    const same = seen.get(key);
    assert.ok(same === undefined, `duplicate case: ${at} gives the same input as ${same}`);
    seen.set(key, at);
    if (c.name !== undefined) {
      const twice = names.get(c.name);
      assert.ok(twice === undefined, `duplicate case name: ${at} is also ${twice}`);
      names.set(c.name, at);
    }
  };
  s.valid.forEach((c, i) => each('valid', c, i));
  s.invalid.forEach((c, i) => { each('invalid', c, i); assertCaseStated(s.meta, c, s.locations, label('invalid', c, i)); });
}

/** An invalid case states at least one error, each by a message the rule has, with a line where the family has lines. */
function assertCaseStated(meta: RuleMeta, c: Invalid<BaseCase>, locations: boolean, at: string): void {
  assert.ok(c.errors.length > 0, `${meta.id} ${at}: an invalid case states at least one error`);
  c.errors.forEach((e, i) => {
    const which = `${meta.id} ${at}, error ${i + 1}`;
    for (const id of [e.messageId, e.remediationId]) {
      if (typeof id === 'string') assert.ok(meta.messages?.[id], `${which}: unknown messageId ${JSON.stringify(id)} (${meta.id} has ${Object.keys(meta.messages ?? {}).join(', ') || 'no messages'})`);
    }
    assert.ok(e.message !== undefined || e.messageId !== undefined, `${which}: state its message or messageId, not only where it is`);
    if (e.data !== undefined) assert.ok(e.messageId !== undefined, `${which}: data fills a messageId; state it`);
    if (locations) assert.ok(e.line !== undefined, `${which}: state its line (null when it has none): findings of this family point at lines`);
  });
}

/** Every message of the rule is stated by, or identified in what the rule reported for, some invalid case. */
function assertMessagesTested<C extends BaseCase, J extends Judged>(s: Suite<C, J>): void {
  const covered = new Set<string>();
  for (const c of s.invalid) {
    for (const e of c.errors) for (const id of [e.messageId, e.remediationId]) if (typeof id === 'string') covered.add(id);
    let run: J;
    try { run = s.judge(c); } catch { continue; } // that case's own test fails
    for (const r of run.reported) {
      const lang = c.lang ?? 'en';
      for (const id of [messageIdOf(s.meta, r.message, lang), r.remediation && messageIdOf(s.meta, r.remediation[lang], lang)]) if (id) covered.add(id);
    }
  }
  const untested = Object.keys(s.meta.messages ?? {}).filter((m) => !covered.has(m));
  assert.ok(untested.length === 0, `untested message: no invalid case of ${s.meta.id} produces ${untested.join(', ')}`);
}

function assertErrors(meta: RuleMeta, got: readonly Reported[], want: readonly ExpectedError[], lang: Lang): void {
  const shown = (): string => got.map((r) => `  ${r.resource ?? ''} ${r.container ?? '-'} ${r.path}${r.line === null ? '' : ` (line ${r.line})`}: ${r.message}`).join('\n');
  assert.equal(got.length, want.length, `${meta.id} reported ${got.length} error(s), the case expects ${want.length}:\n${shown()}`);
  want.forEach((w, i) => {
    const g = got[i]!;
    const at = `error ${i + 1} of ${meta.id}`;
    assert.equal(g.path, w.path, `${at}: path (the rule reported, in order:\n${shown()})`);
    if (w.container !== undefined) assert.equal(g.container, w.container, `${at}: container`);
    if (w.resource !== undefined) assert.equal(g.resource, w.resource, `${at}: resource`);
    if (w.line !== undefined) assert.equal(g.line, w.line, `${at}: line`);
    if (w.column !== undefined) assert.equal(g.column, w.column, `${at}: column`);
    if (w.severity !== undefined) assert.equal(g.severity, w.severity, `${at}: severity`);
    if (w.change !== undefined) assert.equal(g.change, w.change, `${at}: change`);
    if (w.suggestion !== undefined) {
      assert.ok(g.suggested !== undefined, `${at}: suggestions are asserted for manifest rules only`);
      assert.equal(g.suggested, w.suggestion, `${at}: the text after its suggestion`);
    }
    if (w.message instanceof RegExp) assert.match(g.message, w.message, `${at}: message`);
    else if (w.message !== undefined) assert.equal(g.message, w.message, `${at}: message`);
    if (w.messageId !== undefined) assertMessage(meta, w.messageId, w.data, g.messages ?? textIn(lang, g.message), `${at}: message`);
    if (w.remediationId === null) assert.equal(g.remediation, undefined, `${at}: remediation of its own`);
    else if (w.remediationId !== undefined) {
      assert.ok(g.remediation, `${at}: it has no remediation of its own, the case expects ${w.remediationId}`);
      assertMessage(meta, w.remediationId, undefined, g.remediation, `${at}: remediation`);
    }
    if (w.message === undefined && w.messageId === undefined) {
      assert.fail(`${at}: state its message or messageId, not only where it is (${g.message})`);
    }
  });
}

/** The languages a reported text is known in: both for rules judged on a subject, the case's for manifest findings. */
function textIn(lang: Lang, text: string): Partial<Text> { return { [lang]: text }; }

function assertMessage(meta: RuleMeta, id: string, data: ExpectedError['data'], text: Partial<Text>, at: string): void {
  const template = meta.messages?.[id];
  assert.ok(template, `${meta.id} has no message ${JSON.stringify(id)}`);
  for (const lang of ['en', 'ja'] as const) {
    const got = text[lang];
    if (got === undefined) continue;
    if (data) assert.equal(got, say(meta, id, data)[lang], `${at} ${id} (${lang})`);
    else {
      const is = messageIdOf(meta, got, lang);
      assert.ok(isMessage(meta, id, got, lang), `${at} (${lang}): "${got}" is ${is ? `message ${is}` : 'no message of the rule'}, not ${id} ("${template[lang]}")`);
    }
  }
}

// ── rules judged on a subject: RBAC bindings, version facts, seccomp and AppArmor profiles ──

/**
 * How a family turns a case's input into the subjects its rules judge (for RBAC: a manifest stream into the
 * bindings or Pods the rule looks at). `subjects()` is the family whose input is the subject itself.
 */
export interface Family<I, T, R extends Rule<T, z.ZodObject> = Rule<T, z.ZodObject>> {
  subjectsOf(input: I, rule: R): T[];
  /** the findings point at lines of the input: errors state their line and are compared in source order */
  locations?: boolean;
  /** the input with its defaults filled in, so that two cases that say the same in different words are one case */
  canonical?(input: I): unknown;
}

/** The family whose cases give the subject itself. */
export function subjects<T>(): Family<T, T> { return { subjectsOf: (s) => [s] }; }

export interface Case<I, S extends z.ZodObject> {
  name?: string;
  input: I;
  params?: z.input<S>;
  lang?: Lang;
  /** false when the input holds nothing the rule judges; otherwise such a valid case fails, as it tests nothing */
  evaluated?: false;
}

export interface InvalidCase<I, S extends z.ZodObject> extends Case<I, S> { errors: readonly ExpectedError[] }

export interface Tests<I, S extends z.ZodObject> {
  /** cases, or bare inputs when the input is text */
  valid: readonly (Case<I, S> | Extract<I, string>)[];
  invalid: readonly InvalidCase<I, S>[];
}

/** A rule tester for one family: `new RuleTester(family).run(rule, { valid, invalid })` registers the rule's tests. */
export class RuleTester<I, T, R extends Rule<T, z.ZodObject> = Rule<T, z.ZodObject>> {
  constructor(private readonly family: Family<I, T, R>) {}

  run<S extends z.ZodObject>(rule: R & Rule<T, S>, tests: Tests<I, S>): void {
    register(rule.meta.id, this.plan(rule, tests));
  }

  /** One table per rule of the family, keyed by rule id: a rule without a table, or a table without a rule, fails. */
  runAll(family: string, rules: readonly R[], tables: Readonly<Record<string, Tests<I, z.ZodObject>>>): void {
    test(`every ${family} rule has a table, and every table a rule`, () => assertTableForEachRule(rules, tables));
    for (const rule of rules) {
      const tests = tables[rule.meta.id];
      if (tests) this.run(rule, tests);
    }
  }

  /** The tests `run` registers, to run by hand (the tester's own tests). */
  plan<S extends z.ZodObject>(rule: R & Rule<T, S>, tests: Tests<I, S>): PlannedTest[] {
    const { family } = this;
    const valid = tests.valid.map((c): Case<I, S> => (typeof c === 'string' ? { input: c } : c as Case<I, S>));
    const sourceOrder = (a: Reported, b: Reported): number =>
      (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER) || (a.column ?? Number.MAX_SAFE_INTEGER) - (b.column ?? Number.MAX_SAFE_INTEGER);
    return [
      { name: 'has valid and invalid cases', fn: () => assert.ok(valid.length > 0 && tests.invalid.length > 0, `${rule.meta.id}: the table has valid and invalid cases`) },
      ...planSuite({
        meta: rule.meta,
        locations: family.locations === true,
        statesChanges: true,
        valid,
        invalid: tests.invalid,
        inputOf: (c) => ({ input: family.canonical ? family.canonical(c.input) : c.input, params: rule.params.parse(c.params ?? {}), lang: c.lang ?? 'en' }),
        judge: (c) => {
          const lang = c.lang ?? 'en';
          const params = rule.params.parse(c.params ?? {});
          const ss = family.subjectsOf(c.input, rule);
          const reported = ss.flatMap((s) => rule.check(s, params)).map((v) => reportedOf(rule.meta, v, lang));
          // as the lint report orders them (stable: a rule's order within one position is kept)
          if (family.locations) reported.sort(sourceOrder);
          return { reported, evaluated: ss.length };
        },
      }),
    ];
  }
}

/** Every rule of a family has a table and every table names a rule (a rule left out would go untested). */
export function assertTableForEachRule(rules: readonly Rule<never, z.ZodObject>[], tables: Readonly<Record<string, unknown>>): void {
  const ids = new Set(rules.map((r) => r.meta.id));
  const untested = [...ids].filter((id) => !(id in tables));
  const stray = Object.keys(tables).filter((id) => !ids.has(id));
  assert.ok(untested.length === 0 && stray.length === 0, [
    untested.length ? `no table for ${untested.join(', ')}` : '', stray.length ? `a table for no rule: ${stray.join(', ')}` : '',
  ].filter(Boolean).join('; '));
}

function reportedOf(meta: RuleMeta, v: Violation, lang: Lang): Reported {
  return {
    message: v.message[lang], messages: v.message, path: formatPath(v.path), container: v.container,
    line: v.at?.line ?? null, column: v.at?.column ?? null, severity: v.severity ?? meta.severity,
    change: v.change?.id, remediation: v.remediation,
  };
}

// ── manifest checks: through the real engine and `src/fix` ──

interface ManifestCase<S extends z.ZodObject> extends BaseCase {
  /** the manifest text (YAML or JSON, several documents allowed) */
  yaml?: string;
  /** the manifest as objects, written out as JSON documents */
  object?: Record<string, unknown> | readonly Record<string, unknown>[];
  params?: z.input<S>;
  /** Kubernetes version to judge by ("1.30"); undefined = latest */
  version?: string;
}

export interface InvalidManifestCase<S extends z.ZodObject> extends ManifestCase<S> {
  errors: readonly ExpectedError[];
  /**
   * the text after applying the fixes the rule applies by default (what `mamori fix` writes); null when it
   * applies none. Required when the fixes change the text, as in ESLint 9.
   */
  output?: string | null;
}

export interface ManifestTests<S extends z.ZodObject> {
  valid: readonly (string | ManifestCase<S>)[];
  invalid: readonly InvalidManifestCase<S>[];
}

/**
 * Registers a manifest check's tests with node:test: each case runs through the real engine (container classes,
 * exclusions, Windows pods, the locator) and its fixes through `src/fix`, as `mamori scan` and `mamori fix` do.
 */
export function ruleTester<S extends z.ZodObject>(check: PodCheck<S> | ObjectCheck<S>, tests: ManifestTests<S>): void {
  register(check.meta.id, planManifest(check, tests));
}

/** The tests `ruleTester` registers for a manifest check, to run by hand (the tester's own tests). */
export function planManifest<S extends z.ZodObject>(check: PodCheck<S> | ObjectCheck<S>, tests: ManifestTests<S>): PlannedTest[] {
  const c0 = check as Check;
  return planSuite<ManifestCase<z.ZodObject>, ManifestRun>({
    meta: check.meta,
    locations: false,
    valid: tests.valid.map((c) => (typeof c === 'string' ? { yaml: c } : c)),
    invalid: tests.invalid,
    inputOf: (c) => ({ text: caseText(c), params: check.params.parse(c.params ?? {}), version: c.version, lang: c.lang ?? 'en' }),
    judge: (c) => runManifestCase(c0, c),
    afterInvalid: (c, run) => {
      const { output } = c as InvalidManifestCase<z.ZodObject>;
      if (output === undefined) {
        assert.equal(run.output, run.input, `the fixes of ${check.meta.id} change the text: state output:\n${run.output}`);
      } else if (output === null) {
        assert.equal(run.output, run.input, `output: null, but the fixes of ${check.meta.id} change the text to:\n${run.output}`);
      } else {
        assert.notEqual(output, run.input, 'output equals the input: say output: null when the rule fixes nothing');
        assert.equal(run.output, output);
      }
    },
  });
}

interface ManifestRun extends Judged { input: string; output: string; report: Report }

/** The manifest text of a case: its YAML, or its objects as JSON documents. */
export function caseText(c: { yaml?: string; object?: Record<string, unknown> | readonly Record<string, unknown>[] }): string {
  if (c.yaml !== undefined && c.object !== undefined) throw new Error('a case gives yaml or object, not both');
  if (c.yaml !== undefined) return c.yaml;
  if (c.object === undefined) throw new Error('a case gives yaml or object');
  const objects = Array.isArray(c.object) ? c.object : [c.object];
  return objects.map((o) => `---\n${JSON.stringify(o)}\n`).join('');
}

/** Runs one check over a case as `mamori scan` and `mamori fix` would (effect Audit, no namespace exclusions). */
export function runManifestCase(check: Check, c: ManifestCase<z.ZodObject>): ManifestRun {
  const input = caseText(c);
  const cfg: EngineConfig = {
    profile: 'test',
    policies: [{ check, effect: 'Audit', params: check.params.parse(c.params ?? {}) as Record<string, unknown>, excludedNamespaces: [] }],
    defaultNamespace: 'default',
    customKinds: [],
    exceptions: [],
    today: '2026-11-22',
    lang: c.lang ?? 'en',
    version: c.version,
  };
  const parsed = parseManifests('test.yaml', input);
  assert.deepEqual(parsed.errors, [], 'the case does not parse');
  const inventory = new InventoryIndex(cfg.defaultNamespace);
  for (const o of parsed.objects) inventory.add(o.object);
  const engine = new Engine(cfg, inventory);
  const edits: ObjectEdit[] = [];
  const findings: { f: Finding; at: Omit<ObjectEdit, 'ops'> }[] = [];
  for (const o of parsed.objects) {
    const fs = engine.evaluate({ object: o.object, origin: originOf(o) });
    const ops = fs.flatMap((f) => (f.status === 'open' && f.fix ? f.fix : []));
    if (ops.length > 0) edits.push({ doc: o.doc, basePath: o.basePath, ops });
    for (const f of fs) findings.push({ f, at: { doc: o.doc, basePath: o.basePath } });
  }
  const report = engine.report();
  assert.deepEqual(report.errors, [], 'the case is no valid input');
  assert.deepEqual(report.notices.filter((n) => n.policyId === check.meta.id), [], `${check.meta.id} did not run`);
  const fixed = edits.length > 0 ? fixText('test.yaml', input, edits) : undefined;
  if (fixed) assert.deepEqual(fixed.problems, [], 'the fixes could not be applied');
  const reported = findings.map(({ f, at }): Reported => ({
    message: f.message,
    path: f.path,
    container: f.container,
    resource: `${f.resource.kind}/${f.resource.name}`,
    line: f.location?.line ?? null,
    column: f.location?.column ?? null,
    severity: f.severity,
    change: f.change?.id,
    suggested: f.suggestion ? suggested(input, { ...at, ops: f.suggestion.ops }) : null,
  }));
  const evaluated = report.policies.find((p) => p.policyId === check.meta.id)?.evaluated ?? 0;
  return { reported, evaluated, input, output: fixed?.text ?? input, report };
}

function suggested(input: string, edit: ObjectEdit): string {
  const r = fixText('test.yaml', input, [edit]);
  assert.deepEqual(r.problems, [], 'a suggestion could not be applied');
  return r.text;
}
