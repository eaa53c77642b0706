// One table per AppArmor lint rule: what it reports (message id, path, line) and what it leaves alone.
import { readFileSync } from 'node:fs';
import { APPARMOR_LINT_RULES } from './index.js';
import { appArmorSubject, type AppArmorSubject } from './subject.js';
import { testRuleTables, type RuleCases } from '../../../test/support/lint-rule-table.js';

const p = (text: string): AppArmorSubject => appArmorSubject(text);
const e = (messageId: string, path: string, line: number | null) => ({ messageId, path, line });

/** The seed profile every rule accepts. */
const CLEAN = readFileSync(new URL('../../../examples/deny-write.apparmor', import.meta.url), 'utf8');

const TABLE: Record<string, RuleCases<AppArmorSubject>> = {
  'apparmor-syntax': {
    valid: [p(CLEAN), appArmorSubject(CLEAN, null)],
    invalid: [
      { subject: appArmorSubject(CLEAN, { message: 'syntax error at line 3', line: 3 }), errors: [e('parser', '', 3)] },
      { subject: appArmorSubject(CLEAN, { message: 'exit 1', line: null }), errors: [e('parser', '', null)] },
    ],
  },
  'apparmor-structure': {
    valid: [p(CLEAN)],
    invalid: [
      { subject: p('profile a{\n  file\n  capability chown,\n'), errors: [e('noSpace', 'line[1]', 1), e('noComma', 'line[2]', 2), e('unbalanced', '', 4)] },
      { subject: p('capability chown,\n}\n'), errors: [e('outside', 'line[1]', 1), e('unmatched', 'line[2]', 2)] },
    ],
  },
  'apparmor-comment-include': {
    valid: [p(CLEAN), p('#include <tunables/global>\nprofile a {\n  file,\n}\n')],
    invalid: [{ subject: p('# include <tunables/global>\nprofile a {\n  file,\n}\n'), errors: [e('comment', 'line[1]', 1)] }],
  },
  'apparmor-variable': {
    valid: [p(CLEAN), p('@{FOO}=/a\nprofile a {\n  @{FOO}/x r,\n}\n'), p('#include <tunables/global>\nprofile a {\n  @{HOME}/x r,\n}\n')],
    invalid: [{ subject: p('profile a {\n  @{HOME}/x r,\n}\n'), errors: [e('undefined', 'line[2]', 2)] }],
  },
  'apparmor-newer-abi': {
    valid: [p(CLEAN), p('abi <abi/3.0>,\nprofile a {\n  file,\n}\n')],
    invalid: [{ subject: p('abi <abi/4.0>,\nprofile a {\n  userns,\n}\n'), errors: [e('abi', 'line[1]', 1), e('userns', 'line[3]', 3)] }],
  },
  'apparmor-duplicate-profile': {
    valid: [p(CLEAN), p('profile p {\n}\nprofile q {\n}\n')],
    invalid: [{ subject: p('profile p {\n}\nprofile p {\n}\n'), errors: [e('twice', 'line[3]', 3)] }],
  },
  'apparmor-flags': {
    valid: [p(CLEAN), p('profile p flags=(attach_disconnected,mediate_deleted) {\n}\n')],
    invalid: [{ subject: p('profile p flags=(attach_disconnected,bogus) {\n}\n'), errors: [e('unknown', 'line[1]', 1)] }],
  },
  'apparmor-attach-disconnected': {
    valid: [p(CLEAN), p('profile p flags=(attach_disconnected) {\n  file,\n}\n'), p('# no profile here\n')],
    invalid: [{ subject: p('#include <tunables/global>\nprofile p {\n  file,\n}\n'), errors: [e('missing', '', 2)] }],
  },
  'apparmor-no-file-rules': {
    valid: [p(CLEAN), p('profile p {\n  /etc/hosts r,\n}\n')],
    invalid: [{ subject: p('profile p {\n  network,\n}\n'), errors: [e('none', '', 1)] }],
  },
  'apparmor-file-rule': {
    valid: [p(CLEAN), p('profile p {\n  /usr/bin/id ix,\n  deny /bin/sh x,\n  r /etc/hosts,\n  /usr/bin/x pix,\n}\n')],
    invalid: [{
      subject: p('profile p {\n  etc/passwd r,\n  /etc/x rq,\n  /var/log/x wa,\n  /usr/bin/id x,\n  deny /bin/sh ix,\n  /usr/bin/env pcx,\n}\n'),
      errors: [e('relative', 'line[2]', 2), e('perms', 'line[3]', 3), e('writeAppend', 'line[4]', 4), e('plainX', 'line[5]', 5), e('denyQualifier', 'line[6]', 6), e('twoQualifiers', 'line[7]', 7)],
    }],
  },
  'apparmor-capability': {
    valid: [p(CLEAN), p('profile p {\n  capability net_bind_service chown,\n}\n')],
    invalid: [{ subject: p('profile p {\n  capability CAP_SYS_ADMIN foo,\n}\n'), errors: [e('unknown', 'line[2]', 2), e('unknown', 'line[2]', 2)] }],
  },
  'apparmor-network': {
    valid: [p(CLEAN), p('profile p {\n  network inet tcp,\n  network,\n  network raw,\n}\n')],
    invalid: [{ subject: p('profile p {\n  network inet tcp udp,\n  network bogus,\n  network inet foo,\n}\n'), errors: [e('tooMany', 'line[2]', 2), e('family', 'line[3]', 3), e('type', 'line[4]', 4)] }],
  },
  'apparmor-proc-sys-write': {
    valid: [p(CLEAN), p('profile p {\n  /proc/self/attr/current w,\n  deny /sys/** w,\n  /sys/class/net/ r,\n}\n')],
    invalid: [{ subject: p('profile p {\n  /proc/sys/x w,\n  /proc/self/attr w,\n  /sys/class/x w,\n  deny /sys/** w,\n}\n'), errors: [e('proc', 'line[2]', 2), e('sys', 'line[4]', 4)] }],
  },
  'apparmor-broad-allow': {
    valid: [p(CLEAN), p('profile p {\n  capability chown,\n  deny mount,\n  ptrace peer=me,\n  /tmp/** rw,\n  deny /** w,\n}\n')],
    invalid: [{
      subject: p('profile p {\n  capability,\n  mount,\n  ptrace,\n  /usr/bin/env ux,\n  /** w,\n}\n'),
      errors: [e('capability', 'line[2]', 2), e('bare', 'line[3]', 3), e('ptrace', 'line[4]', 4), e('unconfined', 'line[5]', 5), e('anywhere', 'line[6]', 6)],
    }],
  },
};

testRuleTables('AppArmor', APPARMOR_LINT_RULES, TABLE);
