// Table-test support for the PSS checks: a Pod built from a spec object, judged at a level and version.
import { runCheck } from '../testing.js';
import type { Report } from '../../core/report.js';
import type { MamoriConfig } from '../../config/schema.js';
import { resolveEngineConfig } from '../../config/load.js';
import { scanTexts } from '../../scan/texts.js';

export interface PodOpts { annotations?: Record<string, string>; labels?: Record<string, string>; namespace?: string; name?: string }

/** A Pod manifest (JSON is YAML) with a container "c" unless the spec names containers itself. */
export function pod(spec: Record<string, unknown>, o: PodOpts = {}): string {
  const metadata: Record<string, unknown> = { name: o.name ?? 'p' };
  if (o.namespace) metadata.namespace = o.namespace;
  if (o.annotations) metadata.annotations = o.annotations;
  if (o.labels) metadata.labels = o.labels;
  const full = { containers: [{ name: 'c', image: 'x' }], ...spec };
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata, spec: full });
}

/** A container with a securityContext. */
export function ctr(name: string, sc?: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return sc ? { name, image: 'x', securityContext: sc, ...extra } : { name, image: 'x', ...extra };
}

/** A fully restricted-compliant container. */
export function good(name: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return ctr(name, { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, extra);
}

export function run(id: string, yaml: string, version: string | undefined, level?: 'baseline' | 'restricted' | 'namespace'): Report {
  const r = runCheck(id, yaml, { version, params: level ? { level } : {} });
  if (r.errors.length) throw new Error(`input errors: ${JSON.stringify(r.errors)}`);
  return r;
}

/** The messages one check gives for a manifest at a version ("1.30"; undefined = latest). */
export function messages(id: string, yaml: string, version?: string, level?: 'baseline' | 'restricted' | 'namespace'): string[] {
  return run(id, yaml, version, level).findings.map((f) => f.message);
}

export interface Case { name: string; yaml: string; version?: string; level?: 'baseline' | 'restricted'; want: string[] }

/** Runs a whole profile ("pss-restricted:v1.30", "nsa", …) over a YAML text, with Namespaces etc. as inventory. */
export function runProfile(profile: string, yamlText: string, config: MamoriConfig = {}): Report {
  const cfg = resolveEngineConfig({ config, file: null }, { profile, lang: 'en', today: '2026-11-22' });
  return scanTexts(cfg, [{ file: 'test.yaml', text: yamlText }]);
}
