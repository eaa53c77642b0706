// The ledger every family shares: an object's own suppression annotation, then the configuration's exceptions.
import type { Finding, Notice, UnusedException } from './report.js';
import { describeException, exceptionMatches, isExpired, type ExceptionEntry } from './exceptions.js';

export const IGNORE_ANNOTATION = 'mamori.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'mamori.dev/ignore-reason';

/** Which rules an object's annotation suppresses, and the reason it gives. */
export interface Suppression { ids: ReadonlySet<string>; reason: string }

/**
 * The suppression an object's annotations ask for, cut to the rules the configuration lets it suppress:
 * every one (`'all'`: scan, where the repository owner writes the annotation) or only the ones named (serve).
 */
export function suppressionOf(annotations: unknown, allowed: 'all' | readonly string[] = 'all'): Suppression | undefined {
  if (annotations === null || typeof annotations !== 'object') return undefined;
  const ann = annotations as Record<string, unknown>;
  const list = ann[IGNORE_ANNOTATION];
  if (typeof list !== 'string' || list === '') return undefined;
  const named = new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
  let ids: Set<string> = named;
  if (allowed !== 'all') {
    // "*" on the object stands for every rule the administrator allows, never for more.
    ids = new Set(allowed.filter((id) => id !== '*' && (named.has(id) || named.has('*'))));
    if (ids.size === 0) return undefined;
  }
  const reason = ann[IGNORE_REASON_ANNOTATION];
  return { ids, reason: typeof reason === 'string' && reason !== '' ? reason : 'suppressed by annotation (no reason given)' };
}

export function suppresses(s: Suppression | undefined, ruleId: string): boolean {
  return s !== undefined && (s.ids.has(ruleId) || s.ids.has('*'));
}

/** Applies exceptions to findings, remembering which were used and saying once when one has expired. */
export class Ledger {
  private readonly used = new Set<number>();
  private readonly expired = new Set<number>();

  constructor(readonly exceptions: readonly ExceptionEntry[], private readonly today: string,
    private readonly onExpired: (n: Notice) => void = () => {}) {}

  /** Sets the finding's status: suppressed by its object, excepted by the ledger, or left open. */
  judge(f: Finding, suppression?: Suppression): void {
    if (suppresses(suppression, f.policyId)) {
      f.status = 'suppressed';
      f.statusReason = suppression!.reason;
      return;
    }
    for (const [i, e] of this.exceptions.entries()) {
      if (!exceptionMatches(e, f)) continue;
      this.used.add(i);
      if (isExpired(e, this.today)) {
        this.noteExpired(i);
        continue;
      }
      f.status = 'excepted';
      f.statusReason = e.reason;
      f.exception = { owner: e.owner, expires: e.expires };
      return;
    }
  }

  private noteExpired(i: number): void {
    if (this.expired.has(i)) return;
    this.expired.add(i);
    const e = this.exceptions[i]!;
    this.onExpired({ policyId: e.policy, message: `exception for ${describeException(e)} expired on ${e.expires}; its findings count again` });
  }

  /** Which entries were used and which expired, by index: what a ledger in another thread hands back. */
  partial(): { used: number[]; expired: number[] } {
    return { used: [...this.used], expired: [...this.expired] };
  }

  absorb(p: { used: readonly number[]; expired: readonly number[] }): void {
    for (const i of p.used) this.used.add(i);
    for (const i of p.expired) this.noteExpired(i);
  }

  /** Entries no finding matched: stale exceptions the report lists so the ledger can be cleaned. */
  unused(): UnusedException[] {
    return this.exceptions.flatMap((e, i) => (this.used.has(i) ? [] : [{ policy: e.policy, resource: describeException(e), reason: e.reason }]));
  }
}
