// Every seccomp lint rule, in report order; light to import (the syscall tables come in with the subject).
import type { Rule } from '../../core/rule.js';
import type { SeccompSubject } from './subject.js';
import { defaultAction, defaultActionWeak, denylist, errno, notify, redundantRule } from './actions.js';
import { dockerOnlyField, legacyName, ruleNames, unknownKey } from './keys.js';
import { architecture, noArchitectures, syscallNotOnArch } from './arches.js';
import { argFilter, argOr } from './args.js';
import { conflictingRules, dangerousSyscall, duplicateSyscall, missingEssential, unknownSyscall } from './syscalls.js';
import { style, tooLarge } from './style.js';

export const SECCOMP_LINT_RULES: readonly Rule<SeccompSubject>[] = [
  defaultAction, unknownKey, ruleNames, legacyName, dockerOnlyField, architecture, errno, argFilter, argOr, notify,
  unknownSyscall, syscallNotOnArch, conflictingRules, duplicateSyscall, redundantRule, missingEssential, dangerousSyscall,
  denylist, defaultActionWeak, noArchitectures, style, tooLarge,
];

/** The rules' metadata, in report order. */
export const SECCOMP_RULES = SECCOMP_LINT_RULES.map((r) => r.meta);
