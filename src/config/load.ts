// Loads mamori.yaml and turns it, with a profile, into the engine's configuration.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { LineCounter, parseDocument } from 'yaml';
import { yamlLib } from '../core/yaml-lib.js';
import type { Effect, Lang } from '../core/report.js';
import { configSchema, type MamoriConfig } from './schema.js';
import { checkById } from '../checks/index.js';
import { ruleFamily } from './rule-ids.js';
import { PARAM_DEFAULTS } from './param-defaults.js';
import { resolveProfile, profileNames } from '../profiles/index.js';
import type { EngineConfig, PolicyRun } from '../engine/engine.js';
import { parsePath } from '../core/path.js';

import { ConfigError } from '../core/errors.js';

/** "file:line" of the deepest node along path that the document has, else the file alone. */
export function whereIn(file: string, lines: LineCounter | undefined, doc: ReturnType<typeof parseDocument> | undefined, path: (string | number)[]): string {
  if (doc && lines) {
    for (let i = path.length; i >= 0; i--) {
      const node = doc.getIn(path.slice(0, i), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return `${file}:${lines.linePos(node.range[0]).line}`;
    }
  }
  return file;
}

export function issueText(file: string, lines: LineCounter | undefined, doc: ReturnType<typeof parseDocument> | undefined, issue: z.core.$ZodIssue, prefix: (string | number)[] = []): string {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))];
  const where = whereIn(file, lines, doc, path);
  const key = path.join('.') || '(top level)';
  const msg = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}` : issue.message;
  return `${where}: ${key}: ${msg}`;
}

export interface LoadedConfig { config: MamoriConfig; file: string | null; doc?: ReturnType<typeof parseDocument>; lines?: LineCounter }

/** Reads the config: --config FILE, else mamori.yaml in the working directory, else none. */
export function loadConfigFile(explicit: string | undefined, cwd = process.cwd()): LoadedConfig {
  const file = explicit ?? ['mamori.yaml', 'mamori.yml'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return { config: {}, file: null };
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new ConfigError(`${file}: cannot read config: ${(e as Error).message}`);
  }
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${file}:${e.linePos?.[0]?.line ?? 1}: config is not valid YAML: ${e.message.split('\n')[0]}`);
  }
  const raw = doc.toJS() ?? {};
  const r = configSchema().safeParse(raw);
  if (!r.success) throw new ConfigError(r.error.issues.map((i) => issueText(file, lines, doc, i)).join('\n'));
  return { config: r.data, file, doc, lines };
}

/** An Azure Policy assignment's parameters: {"name": {"value": …}}, optionally under "parameters". */
export function readAzureParameters(file: string): Record<string, unknown> {
  let data: unknown;
  try { data = JSON.parse(readFileSync(file, 'utf8')); } catch (e) {
    throw new ConfigError(`${file}: cannot read Azure parameters: ${(e as Error).message}`);
  }
  const root = (data as { parameters?: unknown })?.parameters ?? data;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw new ConfigError(`${file}: expected an object of {"name": {"value": …}}`);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (v === null || typeof v !== 'object' || !('value' in v)) throw new ConfigError(`${file}: parameter ${k}: expected {"value": …}`);
    out[k] = (v as { value: unknown }).value;
  }
  return out;
}

export interface ResolveOptions {
  profile?: string;
  only?: string[];
  lang: Lang;
  defaultNamespace?: string;
  azureParameters?: string;
  today?: string;
  /** parameters set by command-line flags, given to every selected check that declares them */
  flagParameters?: Record<string, unknown>;
  /**
   * Judging objects written by the people the policy governs (serve): their mamori.dev/ignore annotation
   * counts only for the policies webhook.allowIgnoreAnnotationFor names.
   */
  admission?: boolean;
}

/** Profile defaults, then Azure parameters, then mamori.yaml: the configuration each check runs with. */
export function resolveEngineConfig(loaded: LoadedConfig, opts: ResolveOptions): EngineConfig {
  const { config } = loaded;
  const cfgFile = loaded.file ?? 'mamori.yaml';
  const profileName = opts.profile ?? config.profile ?? 'defender';
  const profile = resolveProfile(profileName);
  if (!profile) throw new ConfigError(`unknown profile ${JSON.stringify(profileName)}; known: ${profileNames().join(', ')}`);

  // policies.<id> may name a rule of any family: RBAC, versions and profile lint read the same file.
  for (const id of Object.keys(config.policies ?? {})) {
    if (!ruleFamily(id)) throw new ConfigError(`${cfgFile}: policies.${id}: unknown policy id (see \`mamori policies\`)`);
  }
  for (const [i, id] of (config.webhook?.allowIgnoreAnnotationFor ?? []).entries()) {
    if (!checkById(id)) throw new ConfigError(`${whereIn(cfgFile, loaded.lines, loaded.doc, ['webhook', 'allowIgnoreAnnotationFor', i])}: webhook.allowIgnoreAnnotationFor.${i}: unknown policy id ${JSON.stringify(id)} (see \`mamori policies\`)`);
  }
  for (const id of opts.only ?? []) {
    if (!checkById(id)) throw new ConfigError(`--policy ${id}: unknown policy id (see \`mamori policies\`)`);
  }
  const azureFile = opts.azureParameters ?? (config.azureParameters ? resolve(dirname(cfgFile), config.azureParameters) : undefined);
  const azure = azureFile ? readAzureParameters(azureFile) : {};
  const { effect: azureEffect, ...azureParams } = azure;

  const ids = opts.only?.length ? opts.only : Object.keys(profile.policies);
  const policies: PolicyRun[] = [];
  for (const id of ids) {
    const check = checkById(id);
    if (!check) throw new ConfigError(`profile ${profile.name} names ${JSON.stringify(id)}, which is not in the catalogue`);
    const fromProfile = profile.policies[id] ?? {};
    const fromConfig = config.policies?.[id] ?? {};
    // Generated names and defaults (npm run docs) spare the schema of a check the run gives no parameters to.
    const known = PARAM_DEFAULTS[id];
    const schemaKeys = known?.keys ?? Object.keys(check.params.shape);
    const fromAzure = Object.fromEntries(Object.entries(azureParams).filter(([k]) => schemaKeys.includes(k)));
    const shared: Record<string, unknown> = {};
    if (config.excludedImages && schemaKeys.includes('excludedImages')) shared.excludedImages = config.excludedImages;
    const fromFlags = Object.fromEntries(Object.entries(opts.flagParameters ?? {}).filter(([k, v]) => v !== undefined && schemaKeys.includes(k)));
    const merged = { ...fromProfile.parameters, ...fromAzure, ...shared, ...fromConfig.parameters, ...fromFlags };
    const parsed = known?.defaults && Object.keys(merged).length === 0
      ? { success: true as const, data: structuredClone(known.defaults) }
      : check.params.strict().safeParse(merged);
    if (!parsed.success) {
      throw new ConfigError(parsed.error.issues.map((i) => issueText(cfgFile, loaded.lines, loaded.doc, i, ['policies', id, 'parameters'])).join('\n'));
    }
    let effect: Effect = fromConfig.effect ?? fromProfile.effect ?? check.meta.defaultEffect ?? 'Audit';
    if (!fromConfig.effect && typeof azureEffect === 'string' && Object.keys(fromAzure).length > 0) {
      const e = azureEffect.charAt(0).toUpperCase() + azureEffect.slice(1).toLowerCase();
      if (e === 'Audit' || e === 'Deny' || e === 'Disabled') effect = e;
    }
    const excluded = fromConfig.excludedNamespaces ?? config.excludedNamespaces ?? fromProfile.excludedNamespaces ?? profile.excludedNamespaces;
    policies.push({
      check,
      effect,
      params: parsed.data as Record<string, unknown>,
      excludedNamespaces: [...new Set([...profile.alwaysExcludedNamespaces, ...excluded])],
    });
  }
  return {
    profile: profile.version ? `${profile.name}:v${profile.version}` : profile.name,
    policies,
    defaultNamespace: opts.defaultNamespace ?? config.defaultNamespace ?? 'default',
    customKinds: (config.workloadKinds ?? []).map((k) => ({ kind: k.kind, apiVersion: k.apiVersion, podTemplatePath: parsePath(k.podTemplatePath) })),
    exceptions: config.exceptions ?? [],
    today: opts.today ?? new Date().toISOString().slice(0, 10),
    lang: opts.lang,
    version: profile.version,
    ...(opts.admission ? { ignoreAnnotation: config.webhook?.allowIgnoreAnnotationFor ?? [] } : {}),
  };
}

