// The rule testers of the families judged on a subject: each reads a case's input as its command does.
import assert from 'node:assert/strict';
import { parseManifests } from '../../src/source/load.js';
import { originOf } from '../../src/source/origin.js';
import { rbacSubjects, type RbacRule, type RbacSubject } from '../../src/rbac/subjects.js';
import type { VersionFact, VersionRule } from '../../src/versions/subjects.js';
import { parseProfileText } from '../../src/seccomp/profile.js';
import { seccompSubject, type Runtime, type SeccompSubject } from '../../src/seccomp/lint.js';
import { appArmorSubject, type AppArmorSubject, type ParserVerdict } from '../../src/apparmor/rules/subject.js';
import { RuleTester } from './rule-tester.js';

/** RBAC: a manifest stream; the rule judges the bindings or the Pods in it (as `mamori rbac` reads them). */
export const rbacTester = new RuleTester<string, RbacSubject, RbacRule>({
  subjectsOf(yaml, rule) {
    const { objects, errors } = parseManifests('rbac.yaml', yaml);
    assert.deepEqual(errors, [], 'the case does not parse');
    return rbacSubjects(objects.map((o) => ({ object: o.object, ...originOf(o) })), { defaultNamespace: 'default' })
      .map((s) => s.value).filter((s) => s.on === rule.judges);
  },
});

/** Versions: a fact (the cluster's version, a node's kubelet, a manifest's apiVersion), judged when it is the rule's kind. */
export const versionsTester = new RuleTester<VersionFact, VersionFact, VersionRule>({
  subjectsOf: (fact, rule) => (fact.on === rule.judges ? [fact] : []),
});

/** A seccomp profile's text, with the runtime that loads it (containerd unless stated) and its file size. */
export type SeccompInput = string | { text: string; runtime?: Runtime; size?: number };

/** Seccomp lint: the profile text read as `mamori seccomp lint` reads a file; errors in source order with their lines. */
export const seccompTester = new RuleTester<SeccompInput, SeccompSubject>({
  locations: true,
  canonical: seccompInput,
  subjectsOf(input) {
    const { text, runtime, size } = seccompInput(input);
    return [seccompSubject(parseProfileText(text), { runtime, size })];
  },
});

function seccompInput(input: SeccompInput): { text: string; runtime: Runtime; size?: number } {
  const { text, runtime = 'containerd', size } = typeof input === 'string' ? { text: input } : input;
  return { text, runtime, ...(size !== undefined ? { size } : {}) };
}

/** An AppArmor profile's text, with what apparmor_parser said of it (null: accepted, or not run). */
export type AppArmorInput = string | { text: string; parser: ParserVerdict | null };

/** AppArmor lint: the profile text; errors in source order with their lines. */
export const apparmorTester = new RuleTester<AppArmorInput, AppArmorSubject>({
  locations: true,
  canonical: (input) => (typeof input === 'string' ? { text: input, parser: null } : input),
  subjectsOf: (input) => [typeof input === 'string' ? appArmorSubject(input) : appArmorSubject(input.text, input.parser)],
});
