// `mamori fix --format json`: the changes per file with their risk and reason, for tools; a pure function of the outcome.
import type { FixMode, FixOutcome, ChangeRecord } from './run.js';
import type { RiskLevel } from './select.js';
import type { FixOp } from '../checks/types.js';

export const FIX_JSON_SCHEMA = 'mamori.fix/v1';

function change(c: ChangeRecord): Record<string, unknown> {
  const f = c.finding;
  return {
    policyId: f.policyId,
    severity: f.severity,
    resource: f.resource,
    container: f.container,
    path: f.path,
    line: f.location?.line ?? null,
    change: c.change?.id ?? null,
    risk: c.change?.risk ?? null,
    applied: c.applied,
    // an applied change the user asked for by name, value or --risk all: it may stop the workload
    ...(c.applied ? { asked: c.asked === true } : {}),
    reason: c.change?.reason ?? null,
    ...(c.applied || !f.suggestion ? {} : { suggestion: f.suggestion.text }),
    ...(c.missing ? { needsValue: c.missing } : {}),
    ops: c.ops.map((o: FixOp) => (o.op === 'set' ? { op: o.op, path: o.path, value: o.value } : { op: o.op, path: o.path })),
  };
}

export function fixJson(out: FixOutcome, mode: FixMode, risk: RiskLevel): string {
  const open = out.after.findings.filter((f) => f.status === 'open');
  const doc = {
    schema: FIX_JSON_SCHEMA,
    mode,
    risk,
    files: out.files.map((f) => ({
      file: f.file,
      changed: f.changed,
      written: f.written,
      changes: f.changes.map(change),
    })),
    diff: out.diff,
    patches: out.patches,
    remaining: open.map((f) => ({ policyId: f.policyId, severity: f.severity, resource: f.resource, container: f.container, path: f.path, line: f.location?.line ?? null })),
    warnings: out.warnings,
    errors: out.errors,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
