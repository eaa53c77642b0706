// rbac-kube-system-workload-create: workloads created in kube-system run beside the control plane's service accounts.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { bindingRule } from '../subjects.js';
import { judgedRuleByRule, kubeSystemWorkloads } from '../powers.js';
import { bindingWords } from '../words.js';

const meta: RuleMeta = {
  id: 'rbac-kube-system-workload-create',
  title: t('Workloads should not be creatable in kube-system', 'kube-system でワークロードを作成できるようにしない'),
  severity: 'high',
  description: t('Creating Pods or workloads in kube-system runs code beside the control plane\'s own service accounts, which hold broad permissions.', 'kube-system でポッドやワークロードを作成すると、広い権限を持つコントロール プレーンのサービス アカウントの隣でコードを実行できます。'),
  remediation: t('Remove create, update and patch on workloads from bindings that reach kube-system.', 'kube-system に及ぶバインドから、ワークロードに対する create / update / patch を削除する。'),
  messages: {
    createInKubeSystem: t('{who} can create or change {resources} in kube-system through {through} (rules[{index}])', '{whoJa} が {through}（rules[{index}]）により kube-system で {resources} を作成・変更できます'),
    useNamespaceBindings: t('Replace {kind} {name} with RoleBindings in the application namespaces (not kube-system)', '{kind} {name} を、kube-system 以外のアプリケーションの名前空間での RoleBinding に置き換える'),
    removeBinding: t('Remove RoleBinding kube-system/{name}, or drop create/update/patch on {resources} from {role} rules[{index}]', 'RoleBinding kube-system/{name} を削除するか、{role} の rules[{index}] から {resources} の create/update/patch を外す'),
  },
};

export const kubeSystemWorkloadCreate = bindingRule(meta, z.object({}), ({ binding: b, role }) => {
  if (!role || !judgedRuleByRule(b)) return [];
  return role.rules.flatMap((r) => {
    const resources = kubeSystemWorkloads(b, r);
    if (resources.length === 0) return [];
    const data = { ...bindingWords(b), resources: resources.join(', '), index: r.index, role: `${role.kind} ${role.name}` };
    return [{
      path: ['roleRef'], container: null,
      message: say(meta, 'createInKubeSystem', data),
      remediation: say(meta, b.kind === 'ClusterRoleBinding' ? 'useNamespaceBindings' : 'removeBinding', data),
    }];
  });
});
