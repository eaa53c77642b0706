// `kubectl mamori …`: kubectl hands a plugin every argument after its name, so kubectl's own flags may come before the sub-command.

/** kubectl's flags that mamori's cluster commands take too; each takes a value. */
const KUBECTL_FLAGS = new Set(['--kubeconfig', '--context', '--namespace', '-n']);

function isKubectlFlag(arg: string): { takesNext: boolean } | undefined {
  if (KUBECTL_FLAGS.has(arg)) return { takesNext: true };
  const eq = arg.indexOf('=');
  if (eq > 0 && KUBECTL_FLAGS.has(arg.slice(0, eq))) return { takesNext: false };
  // -nshop: kubectl's short flag with its value attached
  if (arg.startsWith('-n') && arg.length > 2 && !arg.startsWith('--')) return { takesNext: false };
  return undefined;
}

/**
 * The arguments for mamori: kubectl's --kubeconfig, --context and -n/--namespace given before the sub-command
 * (`kubectl mamori --context prod audit`) move after it, where mamori's commands define them. A flag mamori
 * does not know is left where it is, for mamori to report.
 */
export function pluginArgs(args: readonly string[]): string[] {
  const leading: string[] = [];
  let i = 0;
  while (i < args.length) {
    const flag = isKubectlFlag(args[i]!);
    if (!flag) break;
    leading.push(args[i]!);
    if (flag.takesNext && i + 1 < args.length) leading.push(args[i + 1]!);
    i += flag.takesNext ? 2 : 1;
  }
  const rest = args.slice(i);
  if (leading.length === 0 || rest.length === 0) return [...args];
  // After the sub-command path and its options, but before a `--` that ends them (seccomp trace -- cmd).
  const end = rest.indexOf('--');
  return end < 0 ? [...rest, ...leading] : [...rest.slice(0, end), ...leading, ...rest.slice(end)];
}
