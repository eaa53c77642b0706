// rbac-cluster-admin-binding: a binding to cluster-admin gives its subjects every permission.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { isClusterAdmin } from '../powers.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-cluster-admin-binding',
  title: t('cluster-admin should not be bound', 'cluster-admin をバインドしない'),
  severity: 'high',
  description: t('cluster-admin grants every verb on every resource; a binding to it gives its subjects full control of the cluster (or of a namespace through a RoleBinding).', 'cluster-admin はすべてのリソースに対するすべての操作を許可します。バインドされたサブジェクトはクラスター（RoleBinding なら名前空間）を完全に制御できます。'),
  remediation: t('Bind a role that lists only what is needed (admin, edit or view through a RoleBinding in the namespaces concerned).', '必要な権限だけを列挙したロール（対象の名前空間での RoleBinding による admin / edit / view）をバインドする。'),
  messages: {
    everyPermission: t('{who} {get} every permission (cluster-admin) {scope} through {through}', '{whoJa} が {through} により {scopeJa} すべての権限（cluster-admin）を持ちます'),
    useNamespaceBindings: t('Replace {kind} {name} with RoleBindings to ClusterRole admin (or edit / view) in the namespaces the subjects manage', '{kind} {name} を、サブジェクトが管理する名前空間での ClusterRole admin（または edit / view）への RoleBinding に置き換える'),
    useAdmin: t('Change roleRef of RoleBinding {namespace}/{name} from cluster-admin to admin (or edit / view)', 'RoleBinding {namespace}/{name} の roleRef を cluster-admin から admin（または edit / view）に変更する'),
  },
};

export const clusterAdminBinding = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || !isClusterAdmin(b)) return [];
  const w = bindingWords(b);
  return [{
    path: ['roleRef', 'name'], container: null,
    message: say(meta, 'everyPermission', w),
    remediation: say(meta, b.kind === 'ClusterRoleBinding' ? 'useNamespaceBindings' : 'useAdmin', w),
  }];
});
