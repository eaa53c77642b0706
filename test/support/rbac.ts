// RBAC manifests for rule tables: bindings and roles in one line each (the rbac rule tester reads them).
export const crb = (name: string, role: string, subjects: string): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: ${name}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role}}\nsubjects: ${subjects}\n`;

export const rb = (ns: string, name: string, roleKind: 'Role' | 'ClusterRole', role: string, subjects: string): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: ${name}, namespace: ${ns}}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${role}}\nsubjects: ${subjects}\n`;

export const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, ns = 'app'): string =>
  `---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata: {name: ${name}${kind === 'Role' ? `, namespace: ${ns}` : ''}}\nrules: ${rules}\n`;

export const OPS = '[{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]';
