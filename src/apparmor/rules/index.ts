// Every AppArmor lint rule, in report order; light to import (no parser is run here).
import type { Rule } from '../../core/rule.js';
import type { AppArmorSubject } from './subject.js';
import { attachDisconnected, commentInclude, duplicateProfile, flags, newerAbi, noFileRules, structure, syntax, variable } from './structure.js';
import { broadAllow, capability, fileRule, network, procSysWrite } from './permissions.js';

export const APPARMOR_LINT_RULES: readonly Rule<AppArmorSubject>[] = [
  syntax, structure, fileRule, capability, network, flags, variable, commentInclude, noFileRules, attachDisconnected,
  procSysWrite, broadAllow, duplicateProfile, newerAbi,
];

/** The rules' metadata, in report order. */
export const APPARMOR_RULES = APPARMOR_LINT_RULES.map((r) => r.meta);
