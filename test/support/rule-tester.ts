// The shared rule tester (ESLint's RuleTester is the model): valid and invalid cases of one rule, messages and fixes asserted.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import type { Finding, Lang, Report } from '../../src/core/report.js';
import { say, type Rule, type RuleMeta, type Violation } from '../../src/core/rule.js';
import { formatPath } from '../../src/core/path.js';
import type { Check, ObjectCheck, PodCheck } from '../../src/checks/types.js';
import { Engine, InventoryIndex, type EngineConfig } from '../../src/engine/engine.js';
import { parseManifests } from '../../src/source/load.js';
import { originOf } from '../../src/source/origin.js';
import { fixText, type ObjectEdit } from '../../src/fix/text.js';

/** One expected finding, in the order the rule reports them. */
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
  /** the source line the finding points at (manifest rules) */
  line?: number;
  /** the id of the declared change the finding's fix or suggestion is (`meta.changes`) */
  change?: string;
  /** the text after applying only this finding's suggestion (a change offered, not applied by default); null: none */
  suggestion?: string | null;
}

interface ManifestCase<S extends z.ZodObject> {
  name?: string;
  /** the manifest text (YAML or JSON, several documents allowed) */
  yaml?: string;
  /** the manifest as objects, written out as JSON documents */
  object?: Record<string, unknown> | readonly Record<string, unknown>[];
  params?: z.input<S>;
  /** Kubernetes version to judge by ("1.30"); undefined = latest */
  version?: string;
  lang?: Lang;
  /**
   * false when the rule is expected to look at no object of the case at all (another kind, an excluded
   * namespace); otherwise a valid case that the rule never evaluated fails, so a case cannot pass by testing nothing
   */
  evaluated?: false;
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

interface SubjectCase<T, S extends z.ZodObject> {
  name: string;
  subject: T;
  params?: z.input<S>;
  lang?: Lang;
}

export interface InvalidSubjectCase<T, S extends z.ZodObject> extends SubjectCase<T, S> {
  errors: readonly ExpectedError[];
}

export interface SubjectTests<T, S extends z.ZodObject> {
  valid: readonly SubjectCase<T, S>[];
  invalid: readonly InvalidSubjectCase<T, S>[];
}

/** What a rule reported, reduced to what an expected error can state. */
export interface Reported {
  message: string;
  path: string;
  container: string | null;
  resource?: string;
  line?: number;
  change?: string;
  /** the case's text with only this finding's suggestion applied (manifest rules), or null without one */
  suggested?: string | null;
}

/**
 * Registers one test per case with node:test: manifest checks run through the real engine (container
 * classes, exclusions, Windows pods, the locator) and their fixes through `src/fix`; a rule of any other
 * family is called on its subject with its parameters parsed by its own schema.
 */
export function ruleTester<S extends z.ZodObject>(rule: PodCheck<S> | ObjectCheck<S>, tests: ManifestTests<S>): void;
export function ruleTester<T, S extends z.ZodObject>(rule: Rule<T, S>, tests: SubjectTests<T, S>): void;
export function ruleTester(rule: Check | Rule<unknown>, tests: ManifestTests<z.ZodObject> | SubjectTests<unknown, z.ZodObject>): void {
  describe(rule.meta.id, () => {
    if ('target' in rule) manifestTests(rule, tests as ManifestTests<z.ZodObject>);
    else subjectTests(rule, tests as SubjectTests<unknown, z.ZodObject>);
  });
}

function manifestTests(check: Check, tests: ManifestTests<z.ZodObject>): void {
  tests.valid.forEach((raw, i) => {
    const c = typeof raw === 'string' ? { yaml: raw } : raw;
    test(`valid ${c.name ?? `#${i + 1}`}`, () => {
      const run = runManifestCase(check, c);
      assertErrors(check.meta, run.reported, [], c.lang ?? 'en');
      if (c.evaluated !== false) assert.ok(run.evaluated > 0, `${check.meta.id} evaluated no object of this case, so it tests nothing (say evaluated: false if that is the point)`);
      else assert.equal(run.evaluated, 0, `${check.meta.id} evaluated an object of this case`);
    });
  });
  tests.invalid.forEach((c, i) => {
    test(`invalid ${c.name ?? `#${i + 1}`}`, () => {
      assert.ok(c.errors.length > 0, 'an invalid case states at least one error');
      const run = runManifestCase(check, c);
      assertErrors(check.meta, run.reported, c.errors, c.lang ?? 'en');
      if (c.output === undefined) {
        assert.equal(run.output, run.input, `the fixes of ${check.meta.id} change the text: state output:\n${run.output}`);
      } else if (c.output === null) {
        assert.equal(run.output, run.input, `output: null, but the fixes of ${check.meta.id} change the text to:\n${run.output}`);
      } else {
        assert.notEqual(c.output, run.input, 'output equals the input: say output: null when the rule fixes nothing');
        assert.equal(run.output, c.output);
      }
    });
  });
}

function subjectTests(rule: Rule<unknown>, tests: SubjectTests<unknown, z.ZodObject>): void {
  const judge = (c: SubjectCase<unknown, z.ZodObject>): Reported[] =>
    reportedOf(rule.check(c.subject, rule.params.parse(c.params ?? {})), c.lang ?? 'en');
  for (const c of tests.valid) test(`valid ${c.name}`, () => assertErrors(rule.meta, judge(c), [], c.lang ?? 'en'));
  for (const c of tests.invalid) {
    test(`invalid ${c.name}`, () => {
      assert.ok(c.errors.length > 0, 'an invalid case states at least one error');
      assertErrors(rule.meta, judge(c), c.errors, c.lang ?? 'en');
    });
  }
}

function reportedOf(vs: readonly Violation[], lang: Lang): Reported[] {
  return vs.map((v) => ({ message: v.message[lang], path: formatPath(v.path), container: v.container, change: v.change?.id }));
}

interface ManifestRun { reported: Reported[]; evaluated: number; input: string; output: string; report: Report }

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
    line: f.location?.line ?? undefined,
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

function assertErrors(meta: RuleMeta, got: readonly Reported[], want: readonly ExpectedError[], lang: Lang): void {
  const shown = (): string => got.map((r) => `  ${r.resource ?? ''} ${r.container ?? '-'} ${r.path}: ${r.message}`).join('\n');
  assert.equal(got.length, want.length, `${meta.id} reported ${got.length} error(s), the case expects ${want.length}:\n${shown()}`);
  want.forEach((w, i) => {
    const g = got[i]!;
    const at = `error ${i + 1} of ${meta.id}`;
    assert.equal(g.path, w.path, `${at}: path`);
    if (w.container !== undefined) assert.equal(g.container, w.container, `${at}: container`);
    if (w.resource !== undefined) assert.equal(g.resource, w.resource, `${at}: resource`);
    if (w.line !== undefined) assert.equal(g.line, w.line, `${at}: line`);
    if (w.change !== undefined) assert.equal(g.change, w.change, `${at}: change`);
    if (w.suggestion !== undefined) {
      assert.ok(g.suggested !== undefined, `${at}: suggestions are asserted for manifest rules only`);
      assert.equal(g.suggested, w.suggestion, `${at}: the text after its suggestion`);
    }
    if (w.message instanceof RegExp) assert.match(g.message, w.message, `${at}: message`);
    else if (w.message !== undefined) assert.equal(g.message, w.message, `${at}: message`);
    if (w.messageId !== undefined) {
      const template = meta.messages?.[w.messageId];
      assert.ok(template, `${meta.id} has no message ${JSON.stringify(w.messageId)}`);
      if (w.data) assert.equal(g.message, say(meta, w.messageId, w.data)[lang], `${at}: message ${w.messageId}`);
      else assert.ok(fitsTemplate(g.message, template[lang]), `${at}: "${g.message}" is not message ${w.messageId} ("${template[lang]}")`);
    }
    if (w.message === undefined && w.messageId === undefined) {
      assert.fail(`${at}: state its message or messageId, not only where it is (${g.message})`);
    }
  });
}

/** The literal pieces of a message template around its `{name}` placeholders. */
export function literalsOf(template: string): string[] {
  const literals: string[] = [];
  let lit = '';
  let i = 0;
  while (i < template.length) {
    const close = template[i] === '{' ? template.indexOf('}', i) : -1;
    const name = close > i + 1 ? template.slice(i + 1, close) : '';
    if (name !== '' && /^\w+$/.test(name)) {
      literals.push(lit);
      lit = '';
      i = close + 1;
    } else {
      lit += template[i];
      i++;
    }
  }
  literals.push(lit);
  return literals;
}

/** Whether a message is the template with something in place of each placeholder (leftmost match, linear). */
export function fitsTemplate(message: string, template: string): boolean {
  const lits = literalsOf(template);
  if (lits.length === 1) return message === lits[0];
  const first = lits[0]!;
  const last = lits[lits.length - 1]!;
  if (!message.startsWith(first) || !message.endsWith(last) || message.length < first.length + last.length) return false;
  let pos = first.length;
  const end = message.length - last.length;
  for (const lit of lits.slice(1, -1)) {
    const at = message.indexOf(lit, pos);
    if (at === -1 || at + lit.length > end) return false;
    pos = at + lit.length;
  }
  return true;
}
