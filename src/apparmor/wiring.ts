// Prints how a Pod references a generated profile and where each node must hold it (Kubernetes has no profile loader).

/** The `localhostProfile` path for a seccomp profile file placed under the kubelet's seccomp root. */
export function seccompLocalhostPath(name: string): string {
  return /\.json$/.test(name) ? name : `${name}.json`;
}

export function seccompWiring(name: string, container = 'app'): string {
  const path = seccompLocalhostPath(name);
  return [
    `# Node: copy the profile to /var/lib/kubelet/seccomp/${path} on every node that may run the Pod`,
    '# (<kubelet --root-dir>/seccomp; a DaemonSet, node provisioning or the Security Profiles Operator can do it).',
    '# Pod (Kubernetes >= 1.19): the path is relative to that directory, never absolute and without "localhost/".',
    'spec:',
    '  securityContext:',
    '    seccompProfile:',
    '      type: Localhost',
    `      localhostProfile: ${path}`,
    '  containers:',
    `  - name: ${container}`,
    '    securityContext:',
    '      allowPrivilegeEscalation: false   # privileged containers ignore seccomp profiles',
    '# With the Security Profiles Operator the file lands at operator/<name>.json instead:',
    `#   localhostProfile: operator/${path}`,
    '',
  ].join('\n');
}

export function apparmorWiring(profileName: string, container = 'app'): string {
  return [
    `# Node: load the profile on every node that may run the Pod: apparmor_parser -r /etc/apparmor.d/${profileName}`,
    '# (Kubernetes does not load AppArmor profiles; the kubelet refuses the Pod where the profile is not loaded).',
    '# Pod, Kubernetes >= 1.30 (the field takes the loaded profile NAME, not a file path):',
    'spec:',
    '  securityContext:',
    '    appArmorProfile:',
    '      type: Localhost',
    `      localhostProfile: ${profileName}`,
    '# Kubernetes < 1.30 (annotation, deprecated since 1.30; one per container):',
    'metadata:',
    '  annotations:',
    `    container.apparmor.security.beta.kubernetes.io/${container}: localhost/${profileName}`,
    '',
  ].join('\n');
}
