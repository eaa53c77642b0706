// Reads what a recording needs beyond the syscall: the seccomp action a record was made for, and the kernel's notices of records it dropped.

/** What the filter decided for the logged call (the kernel's SECCOMP_RET_* action). */
export type SeccompAction = 'log' | 'allow' | 'errno' | 'trap' | 'trace' | 'user_notif' | 'kill_thread' | 'kill_process' | 'unknown';

const BY_VALUE = new Map<number, SeccompAction>([
  [0x7ffc0000, 'log'], [0x7fff0000, 'allow'], [0x00050000, 'errno'], [0x00030000, 'trap'], [0x7ff00000, 'trace'],
  [0x7fc00000, 'user_notif'], [0x00000000, 'kill_thread'], [0x80000000, 'kill_process'],
]);
/** `ausearch -i` prints the action as a word. */
const BY_WORD = new Map<string, SeccompAction>([
  ['log', 'log'], ['allow', 'allow'], ['errno', 'errno'], ['trap', 'trap'], ['trace', 'trace'], ['user_notif', 'user_notif'],
  ['notify', 'user_notif'], ['kill', 'kill_thread'], ['kill_thread', 'kill_thread'], ['kill_process', 'kill_process'],
]);

/** The action of a record's `code=` field (hex as the kernel writes it, or ausearch's word); 'unknown' when absent or odd. */
export function seccompAction(code: string | null): SeccompAction {
  if (!code) return 'unknown';
  if (/^0x[0-9a-f]{1,8}$/i.test(code)) {
    // The action is the top 16 bits; the low 16 carry data such as the errno.
    const action = (Number.parseInt(code.slice(2), 16) & 0xffff0000) >>> 0;
    return BY_VALUE.get(action) ?? 'unknown';
  }
  return BY_WORD.get(code.toLowerCase().replace(/-/g, '_')) ?? 'unknown';
}

/** A kernel, auditd or journald line saying records were dropped. count is null when the line does not say how many. */
export interface LossNotice { kind: 'printk-ratelimit' | 'audit-backlog' | 'audit-rate-limit' | 'audit-lost' | 'journald-ratelimit'; count: number | null; text: string }

function numberAfter(line: string, key: string): number | null {
  const at = line.indexOf(key);
  if (at < 0) return null;
  const m = /^\d{1,12}/.exec(line.slice(at + key.length, at + key.length + 12));
  return m ? Number(m[0]) : null;
}

function numberBefore(line: string, key: string): number | null {
  const at = line.indexOf(key);
  if (at < 0) return null;
  const m = /(\d{1,12})\s{0,4}$/.exec(line.slice(Math.max(0, at - 16), at));
  return m ? Number(m[1]) : null;
}

/**
 * The notices that mean the log is missing records. Plain substring tests: these lines come from a
 * handful of fixed kernel and daemon format strings.
 */
export function lossNotice(line: string): LossNotice | null {
  const text = line.length > 240 ? line.slice(0, 240) : line;
  // kauditd_printk_skb: 41 callbacks suppressed   (printk's rate limit, kernel.printk_ratelimit)
  if (text.includes('kauditd_printk_skb') && text.includes('callbacks suppressed')) return { kind: 'printk-ratelimit', count: numberBefore(text, ' callbacks suppressed'), text };
  // audit: audit_backlog=65 > audit_backlog_limit=64
  if (text.includes('audit_backlog=') && text.includes('audit_backlog_limit=')) return { kind: 'audit-backlog', count: null, text };
  // audit: audit_lost=3 audit_rate_limit=0 audit_backlog_limit=64
  if (text.includes('audit_lost=')) return { kind: 'audit-lost', count: numberAfter(text, 'audit_lost='), text };
  if (text.includes('audit: backlog limit exceeded') || text.includes('kauditd hold queue overflow')) return { kind: 'audit-backlog', count: null, text };
  if (text.includes('audit: rate limit exceeded')) return { kind: 'audit-rate-limit', count: null, text };
  // systemd-journald[123]: Suppressed 1234 messages from ...
  if (text.includes('journald') && text.includes('Suppressed ') && text.includes(' messages')) return { kind: 'journald-ratelimit', count: numberAfter(text, 'Suppressed '), text };
  return null;
}
