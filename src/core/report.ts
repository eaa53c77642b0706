// The types every part of mamori shares: findings, reports, locations, severities, effects.
import type { Path } from './path.js';
import type { ChangeRisk, FixOp } from './fix-op.js';

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
export const severityRank: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Azure Policy's effects, spelled as Azure spells them so assignments copy across. */
export type Effect = 'Audit' | 'Deny' | 'Disabled';

export type Lang = 'en' | 'ja';
/** Text in both languages mamori speaks. */
export interface Text { en: string; ja: string }

export interface Location { file: string; line: number; column: number }

/** Where an object came from, when it came from a file: the file and a locator for paths inside the object. */
export interface Origin { file: string; locate(path: Path): Location }

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

/** Why a finding does not count against the exit code. */
export type FindingStatus = 'open' | 'excepted' | 'suppressed';

export interface Finding {
  policyId: string;
  severity: Severity;
  effect: Effect;
  resource: ResourceRef;
  /** null for pod- or object-level findings */
  container: string | null;
  /** object path, e.g. spec.template.spec.containers[0].securityContext.privileged */
  path: string;
  message: string;
  remediation: string;
  location: Location | null;
  status: FindingStatus;
  /** reason of the exception or suppression when status is not open */
  statusReason?: string;
  /** the exception ledger entry's owner and expiry, when excepted */
  exception?: { owner?: string; expires?: string };
  /** a safe change that resolves the finding (paths relative to the object) */
  fix?: FixOp[];
  /** a change that could break the workload: applied only on request */
  suggestion?: { ops: FixOp[]; text: string };
  /** which change of the check `fix` or `suggestion` is, its risk, and why it is applied by default or only offered */
  change?: { id: string; risk: ChangeRisk; reason: string };
  /** against `scan --baseline`: new since the baseline run, or found there too */
  baseline?: BaselineState;
}

/** Where a finding stands against an earlier report (src/core/baseline.ts matches them by fingerprint). */
export type BaselineState = 'new' | 'unchanged';

/** The comparison with an earlier report: counts, and the findings it had that are gone now. */
export interface BaselineSummary {
  file: string;
  new: number;
  unchanged: number;
  /** the baseline's findings that no longer occur, as the baseline reported them */
  fixed: Finding[];
}

/** What a scan read: the paths it was given and what it found under them. */
export interface ScanScope {
  paths: string[];
  /** files read (each file once) */
  files: number;
  /** Kubernetes objects evaluated */
  objects: number;
  /** documents passed over on purpose (no apiVersion and kind) */
  skipped: number;
}

export interface Notice { policyId: string | null; message: string }

export interface InputError { file: string; line: number | null; message: string }

/** Per-policy tally, the shape of Defender's recommendation view. */
export interface PolicyTally {
  policyId: string;
  title: string;
  severity: Severity;
  effect: Effect;
  /** resources the policy looked at (after namespace exclusion) */
  evaluated: number;
  /** resources with at least one open finding */
  unhealthy: number;
  findings: number;
}

export interface UnusedException { policy: string; resource: string; reason: string }

export interface Report {
  schemaVersion: 1;
  tool: { name: 'mamori'; version: string };
  profile: string;
  lang: Lang;
  summary: {
    resources: number;
    /** documents that were no Kubernetes object (values files, package.json, tool configs): passed over */
    skipped?: number;
    findings: number;
    bySeverity: Record<Severity, number>;
    byPolicy: Record<string, number>;
    excepted: number;
    suppressed: number;
  };
  policies: PolicyTally[];
  findings: Finding[];
  notices: Notice[];
  errors: InputError[];
  unusedExceptions: UnusedException[];
  /** ISO 8601 time the report was made (set by the command; absent from older reports) */
  generatedAt?: string;
  /** what was scanned (scan only) */
  scanned?: ScanScope;
  /** with `scan --baseline` */
  baseline?: BaselineSummary;
}
