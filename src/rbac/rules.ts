// The RBAC rule catalogue (seed 003): ids, titles in English and Japanese, severities and remediation, stated once.
import type { Severity, Text } from '../core/report.js';
import { t } from '../checks/types.js';

export interface RbacRule {
  id: string;
  title: Text;
  severity: Severity;
  description: Text;
  remediation: Text;
}

const rule = (r: RbacRule): RbacRule => r;

export const RBAC_RULES: readonly RbacRule[] = [
  rule({
    id: 'rbac-cluster-admin-binding',
    title: t('cluster-admin should not be bound', 'cluster-admin をバインドしない'),
    severity: 'high',
    description: t('cluster-admin grants every verb on every resource; a binding to it gives its subjects full control of the cluster (or of a namespace through a RoleBinding).', 'cluster-admin はすべてのリソースに対するすべての操作を許可します。バインドされたサブジェクトはクラスター（RoleBinding なら名前空間）を完全に制御できます。'),
    remediation: t('Bind a role that lists only what is needed (admin, edit or view through a RoleBinding in the namespaces concerned).', '必要な権限だけを列挙したロール（対象の名前空間での RoleBinding による admin / edit / view）をバインドする。'),
  }),
  rule({
    id: 'rbac-wildcard-permission',
    title: t('Roles should not grant wildcard verbs or resources', 'ロールでワイルドカードの動詞やリソースを許可しない'),
    severity: 'high',
    description: t('"*" in verbs or resources grants every present and future permission, including escalate, bind, impersonate and access to Secrets.', 'verbs や resources の "*" は、escalate / bind / impersonate やシークレットへのアクセスを含む、現在と将来のすべての権限を許可します。'),
    remediation: t('List the verbs and resources the subject needs instead of "*".', '"*" の代わりに必要な動詞とリソースを列挙する。'),
  }),
  rule({
    id: 'rbac-escalation-verbs',
    title: t('escalate, bind and impersonate should not be granted', 'escalate / bind / impersonate を許可しない'),
    severity: 'high',
    description: t('escalate and bind on roles let a subject grant itself permissions it does not hold; impersonate lets it act as another user, group or service account.', 'ロールに対する escalate と bind は自身が持たない権限の付与を、impersonate は他のユーザー・グループ・サービス アカウントとしての操作を可能にします。'),
    remediation: t('Remove escalate, bind and impersonate from the role; grant role management only to cluster administrators.', 'ロールから escalate / bind / impersonate を削除し、ロール管理はクラスター管理者だけに許可する。'),
  }),
  rule({
    id: 'rbac-secrets-cluster-wide',
    title: t('Secrets should not be readable cluster-wide', 'クラスター全体でシークレットを読み取れるようにしない'),
    severity: 'high',
    description: t('get, list or watch on secrets through a ClusterRoleBinding reads every Secret of every namespace, including service account tokens.', 'ClusterRoleBinding 経由の secrets に対する get・list・watch は、サービス アカウント トークンを含むすべての名前空間のシークレットを読み取れます。'),
    remediation: t('Grant Secret access with a RoleBinding in the namespaces that need it, and with resourceNames where possible.', 'シークレットへのアクセスは必要な名前空間の RoleBinding で、可能なら resourceNames を付けて許可する。'),
  }),
  rule({
    id: 'rbac-pods-exec',
    title: t('pods/exec should be granted sparingly', 'pods/exec の許可は最小限にする'),
    severity: 'medium',
    description: t('pods/exec runs commands inside containers, with the container\'s identity, mounted Secrets and service account token.', 'pods/exec はコンテナー内でコマンドを実行でき、コンテナーの ID、マウントされたシークレット、サービス アカウント トークンを利用できます。'),
    remediation: t('Remove pods/exec from the role, or grant it only in the namespaces where it is needed, to a group of operators.', 'ロールから pods/exec を削除するか、必要な名前空間でのみオペレーターのグループに許可する。'),
  }),
  rule({
    id: 'rbac-kube-system-workload-create',
    title: t('Workloads should not be creatable in kube-system', 'kube-system でワークロードを作成できるようにしない'),
    severity: 'high',
    description: t('Creating Pods or workloads in kube-system runs code beside the control plane\'s own service accounts, which hold broad permissions.', 'kube-system でポッドやワークロードを作成すると、広い権限を持つコントロール プレーンのサービス アカウントの隣でコードを実行できます。'),
    remediation: t('Remove create, update and patch on workloads from bindings that reach kube-system.', 'kube-system に及ぶバインドから、ワークロードに対する create / update / patch を削除する。'),
  }),
  rule({
    id: 'rbac-user-subject',
    title: t('Roles should be bound to groups, not individual users', 'ロールは個々のユーザーではなくグループにバインドする'),
    severity: 'low',
    description: t('A binding to a user keeps its permissions when the user changes role; a group binding follows the directory\'s membership (seed 003: bind Azure AD groups, not users).', 'ユーザーへのバインドは職務が変わっても権限が残ります。グループへのバインドはディレクトリのメンバーシップに追従します。'),
    remediation: t('Bind a group the user belongs to instead of the user.', 'ユーザーの代わりに、そのユーザーが属するグループをバインドする。'),
  }),
  rule({
    id: 'rbac-default-service-account',
    title: t('The default service account should hold no permissions', 'default サービス アカウントに権限を持たせない'),
    severity: 'medium',
    description: t('Every Pod that names no service account runs as "default"; permissions bound to it reach all of them.', 'サービス アカウントを指定しないすべてのポッドは "default" として動作するため、その権限はすべてのポッドに及びます。'),
    remediation: t('Create a dedicated service account for the workload that needs the permissions and bind the role to it instead.', '権限が必要なワークロード専用のサービス アカウントを作成し、そちらにロールをバインドする。'),
  }),
  rule({
    id: 'rbac-automounted-powerful-token',
    title: t('Powerful service account tokens should not be automounted', '強い権限を持つサービス アカウント トークンを自動マウントしない'),
    severity: 'high',
    description: t('A Pod whose service account holds powerful permissions and whose token is mounted hands those permissions to anyone who compromises the container.', '強い権限を持つサービス アカウントのトークンがマウントされたポッドは、コンテナーを侵害した者にその権限を渡します。'),
    remediation: t('Set automountServiceAccountToken: false in the pod spec when the workload does not call the API; otherwise narrow the role bound to its service account.', 'API を呼ばないワークロードではポッド仕様に automountServiceAccountToken: false を設定する。呼ぶ場合はサービス アカウントにバインドするロールを絞る。'),
  }),
];

const byId = new Map(RBAC_RULES.map((r) => [r.id, r]));
export function rbacRule(id: string): RbacRule {
  const r = byId.get(id);
  if (!r) throw new Error(`unknown RBAC rule ${id}`);
  return r;
}
