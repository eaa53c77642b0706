// The YAML dialect kubectl reads: YAML 1.1 booleans (yes/no/on/off/y/n) on top of the core schema.
import jsyaml from 'js-yaml';

const yaml11Bool = new jsyaml.Type('tag:yaml.org,2002:bool', {
  kind: 'scalar',
  resolve: (data: string | null) => data !== null && /^(?:true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/.test(data),
  construct: (data: string) => /^(?:true|True|TRUE|y|Y|yes|Yes|YES|on|On|ON)$/.test(data),
  predicate: (v: unknown) => typeof v === 'boolean',
});

/** js-yaml's core schema with YAML 1.1 booleans, as sigs.k8s.io/yaml (go-yaml v2) resolves them; it replaces the core bool type, so it lists true/false too. */
export const K8S_YAML_SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool] });

// js-yaml's compiled lists (runtime fields its typings omit): the very types and order its loader uses
const compiled = K8S_YAML_SCHEMA as unknown as { compiledImplicit: jsyaml.Type[]; compiledTypeMap: { scalar: Record<string, jsyaml.Type | undefined> } };
const IMPLICIT = compiled.compiledImplicit.filter((t) => t.kind === 'scalar');

/** A plain (unquoted, untagged) scalar as K8S_YAML_SCHEMA reads it: null, boolean, number or string. */
export function resolvePlainScalar(text: string): unknown {
  if (text === '') return null;
  for (const type of IMPLICIT) if (type.resolve(text)) return type.construct(text);
  return text;
}

/** A scalar with an explicit tag (!!int 5): its value, `undefined` for a tag the schema lacks; throws when the text does not fit the tag. */
export function resolveTaggedScalar(tag: string, text: string): unknown {
  const type = compiled.compiledTypeMap.scalar[tag];
  if (!type) return undefined;
  if (!type.resolve(text)) throw new Error(`cannot resolve ${JSON.stringify(text)} as !<${tag}>`);
  return type.construct(text);
}
