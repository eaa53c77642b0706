// Every sub-command of mamori, in the order `mamori --help` lists them, each loaded only when needed.
import type { Command } from 'commander';

export type Register = (program: Command) => void;

/**
 * A sub-command by name; `load` imports its module, so a run pays only for the command it uses. `term` and
 * `description` are what `mamori --help` lists for it, so that listing loads no command (a test holds them equal to
 * the commands' own).
 */
export interface CommandEntry {
  name: string;
  term: string;
  description: string;
  load: () => Promise<{ register: Register }>;
}

export const commands: CommandEntry[] = [
  {
    name: 'scan', term: 'scan [options] [paths...]', load: () => import('./scan.js'),
    description: 'scan Kubernetes manifests (files, folders, - for stdin) against a profile',
  },
  {
    name: 'policies', term: 'policies [options]', load: () => import('./policies.js'),
    description: 'list the rule catalogue of every family (id, titles, severity, parameters and defaults, crosswalk)',
  },
  {
    name: 'serve', term: 'serve [options]', load: () => import('./serve.js'),
    description: 'run the HTTPS validating admission webhook (POST /validate; /healthz, /readyz, /metrics on the same port or on --metrics-port)',
  },
  {
    name: 'audit', term: 'audit [options]', load: () => import('./audit.js'),
    description: 'audit the workloads running in a cluster (read-only), as Defender for Cloud\'s recommendations view shows them',
  },
  {
    name: 'rbac', term: 'rbac [options] [paths...]', load: () => import('./rbac.js'),
    description: 'find RBAC that grants more than needed (cluster-admin, wildcards, escalation, Secrets, exec, users instead of groups) in manifests or the live cluster',
  },
  {
    name: 'versions', term: 'versions [options] [paths...]', load: () => import('./versions.js'),
    description: 'check Kubernetes versions: supported window, kubelet skew, nodes, deprecated and removed APIs at a target version, SeccompDefault',
  },
  {
    name: 'fix', term: 'fix [options] [paths...]', load: () => import('./fix.js'),
    description: 'apply the changes of findings that cannot stop a running workload (a diff by default; --write to change files; --patch for rendered Helm/Kustomize output)',
  },
  {
    name: 'seccomp', term: 'seccomp', load: () => import('./seccomp.js'),
    description: 'generate, trace, record, lint, convert, diff and merge seccomp profiles',
  },
  {
    name: 'apparmor', term: 'apparmor', load: () => import('./apparmor.js'),
    description: 'lint and generate AppArmor profiles for containers',
  },
  {
    name: 'export', term: 'export', load: () => import('./export.js'),
    description: 'export the catalogue for other enforcement points',
  },
];

/** `mamori`, `mamori --help`: a run that only lists the commands, which needs their names and descriptions alone. */
export function listsCommandsOnly(argv: readonly string[]): boolean {
  return argv.every((a) => a === '-h' || a === '--help');
}

/**
 * The commands a run needs: the one named first on the command line, or all of them when none is
 * (top-level help, `help`, a typo), so that commander can list them or suggest the nearest.
 */
export function commandsFor(argv: readonly string[]): CommandEntry[] {
  const first = argv.find((a) => !a.startsWith('-'));
  const named = commands.find((c) => c.name === first);
  if (named) return [named];
  // `mamori --version` is answered by the program itself.
  if (first === undefined && argv.some((a) => a === '-V' || a === '--version') && !argv.some((a) => a === '-h' || a === '--help')) return [];
  return commands;
}
