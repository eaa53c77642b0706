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
