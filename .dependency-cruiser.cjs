// mamori's layers, checked by dependency-cruiser (`npm run lint`): imports point down, never round; docs/architecture.md explains them.

/**
 * Each folder of src/ with the folders it may import (besides its own). Listed from the bottom up: a folder
 * only names folders above it in this list, so the folders form no cycle. `registry` is src/registry.ts.
 */
const LAYERS = {
  core: [],
  k8s: ['core'],
  source: ['core', 'k8s'],
  checks: ['core', 'k8s'],
  profiles: ['core', 'checks'],
  // formatters are pure functions of the report model: they know nothing but core
  formatters: ['core'],
  engine: ['core', 'k8s', 'checks'],
  seccomp: ['core', 'k8s', 'formatters'],
  apparmor: ['core', 'k8s', 'seccomp'],
  versions: ['core', 'k8s', 'kube'],
  rbac: ['core', 'k8s', 'source', 'kube'],
  kube: ['core', 'k8s'],
  registry: ['core', 'checks', 'rbac', 'versions', 'seccomp', 'apparmor'],
  // config knows rule ids from its own table (src/config/rule-ids.ts), so `scan` loads no other family's rules
  config: ['core', 'checks', 'profiles', 'engine'],
  scan: ['core', 'k8s', 'source', 'engine', 'config'],
  fix: ['core', 'k8s', 'source', 'checks', 'engine', 'scan', 'formatters'],
  webhook: ['core', 'k8s', 'engine', 'formatters'],
  audit: ['core', 'k8s', 'source', 'engine', 'kube', 'formatters'],
  export: ['core', 'k8s', 'checks', 'engine', 'config'],
  catalogue: ['core', 'checks', 'profiles', 'registry', 'formatters'],
  cli: ['core', 'k8s', 'source', 'checks', 'profiles', 'formatters', 'engine', 'seccomp', 'apparmor', 'versions', 'rbac',
    'kube', 'registry', 'config', 'scan', 'fix', 'webhook', 'audit', 'export', 'catalogue'],
  // the GitHub Action runs the command line in-process
  action: ['core', 'formatters', 'cli'],
};


const folderOf = (name) => (name === 'registry' ? '^src/registry[.]ts$' : `^src/${name}/`);
const anyOf = (names) => `^src/(${names.join('|')})(/|[.]ts$)`;

const layerRules = Object.entries(LAYERS).map(([folder, allowed]) => ({
  name: `layer-${folder}`,
  comment: `src/${folder} may import only ${allowed.length ? allowed.join(', ') : 'nothing else in src'} (see docs/architecture.md)`,
  severity: 'error',
  from: { path: folderOf(folder), pathNot: '[.]test[.]ts$' },
  to: { path: '^src/', pathNot: anyOf([folder, ...allowed]) },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'a cycle makes every module of it load, change and test together',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'unknown-folder',
      comment: 'a new folder of src/ takes its place in LAYERS (and docs/architecture.md) before it is imported',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^src/', pathNot: anyOf(Object.keys(LAYERS)) },
    },
    ...layerRules,
    {
      name: 'registry-stays-light',
      comment: '`policies`, the docs and the profile-lint commands load the registry: what it reaches is rule metadata and small checks, no command',
      severity: 'error',
      from: { path: '^src/registry[.]ts$' },
      to: { path: anyOf(['engine', 'config', 'scan', 'fix', 'webhook', 'audit', 'export', 'catalogue', 'cli', 'action', 'kube']), reachable: true },
    },
    {
      name: 'src-not-to-test',
      comment: 'test helpers live in test/ and never ship in dist/',
      severity: 'error',
      from: { path: '^src/', pathNot: '[.]test[.]ts$' },
      to: { path: '(^test/|[.]test[.]ts$)' },
    },
    {
      name: 'one-kube-client',
      comment: 'one Kubernetes client (src/kube) for audit, rbac and versions',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/kube/' },
      to: { path: 'node_modules/@kubernetes/client-node/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
