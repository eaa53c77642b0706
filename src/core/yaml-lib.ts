// The `yaml` library, loaded on first use: block-style manifests never need it, and it is the larger of the two parsers.
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

let lib: typeof Yaml | undefined;

/**
 * js-yaml reads every document; `yaml` is needed only for positions in flow style or anchors, merge keys, js-yaml's
 * rare refusals, config files and fix snippets. The bundle (tools/bundle.mjs) swaps this for a bundled `require`.
 */
export function yamlLib(): typeof Yaml {
  return (lib ??= createRequire(import.meta.url)('yaml') as typeof Yaml);
}
