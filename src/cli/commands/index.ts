// Every sub-command of mamori, in the order `mamori --help` lists them, each loaded only when needed.
import type { Command } from 'commander';

export type Register = (program: Command) => void;

/** A sub-command by name; `load` imports its module, so a run pays only for the command it uses. */
export interface CommandEntry {
  name: string;
  load: () => Promise<{ register: Register }>;
}

export const commands: CommandEntry[] = [
  { name: 'scan', load: () => import('./scan.js') },
  { name: 'policies', load: () => import('./policies.js') },
  { name: 'serve', load: () => import('./serve.js') },
  { name: 'audit', load: () => import('./audit.js') },
  { name: 'rbac', load: () => import('./rbac.js') },
  { name: 'versions', load: () => import('./versions.js') },
  { name: 'fix', load: () => import('./fix.js') },
  { name: 'seccomp', load: () => import('./seccomp.js') },
  { name: 'apparmor', load: () => import('./apparmor.js') },
  { name: 'export', load: () => import('./export.js') },
];

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
