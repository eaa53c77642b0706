// How findings speak of a binding: who gets it, where, and through which binding, in English and Japanese.
import type { Binding, Subject } from './model.js';

const SUBJECT_JA: Record<string, string> = { User: 'ユーザー', Group: 'グループ', ServiceAccount: 'ServiceAccount' };

/** "User alice", "ServiceAccount ci/runner"; Japanese names the kind in Japanese. */
export function subjectText(s: Subject, lang: 'en' | 'ja'): string {
  const kind = lang === 'ja' ? SUBJECT_JA[s.kind] ?? s.kind : s.kind;
  return s.kind === 'ServiceAccount' ? `${kind} ${s.namespace ?? '?'}/${s.name}` : `${kind} ${s.name}`;
}

/**
 * The words a binding's messages are made of, as message data: the Japanese messages take the `…Ja` keys,
 * because `say` fills both languages from one record.
 */
export interface BindingWords {
  [key: string]: string;
  who: string; whoJa: string;
  /** "gets" or "get", agreeing with the subjects */
  get: string;
  scope: string; scopeJa: string;
  /** "ClusterRoleBinding ops → ClusterRole admin" */
  through: string;
  kind: string; name: string; namespace: string;
  roleKind: string; roleName: string;
}

export function bindingWords(b: Binding): BindingWords {
  return {
    who: b.subjects.map((x) => subjectText(x, 'en')).join(', ') || 'no subject',
    whoJa: b.subjects.map((x) => subjectText(x, 'ja')).join('、') || 'サブジェクトなし',
    get: b.subjects.length === 1 ? 'gets' : 'get',
    scope: b.kind === 'ClusterRoleBinding' ? 'cluster-wide' : `in namespace ${b.namespace}`,
    scopeJa: b.kind === 'ClusterRoleBinding' ? 'クラスター全体' : `名前空間 ${b.namespace} で`,
    through: `${b.kind} ${b.namespace ? `${b.namespace}/` : ''}${b.name} → ${b.roleRef.kind} ${b.roleRef.name}`,
    kind: b.kind, name: b.name, namespace: b.namespace ?? '',
    roleKind: b.roleRef.kind, roleName: b.roleRef.name,
  };
}
