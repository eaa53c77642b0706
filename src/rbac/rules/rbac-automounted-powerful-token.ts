// rbac-automounted-powerful-token: a Pod that mounts a powerful service account's token hands its power to whoever breaks in.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { podRule } from '../subjects.js';

const meta: RuleMeta = {
  id: 'rbac-automounted-powerful-token',
  title: t('Powerful service account tokens should not be automounted', '強い権限を持つサービス アカウント トークンを自動マウントしない'),
  severity: 'high',
  description: t('A Pod whose service account holds powerful permissions and whose token is mounted hands those permissions to anyone who compromises the container.', '強い権限を持つサービス アカウントのトークンがマウントされたポッドは、コンテナーを侵害した者にその権限を渡します。'),
  remediation: t('Set automountServiceAccountToken: false in the pod spec when the workload does not call the API; otherwise narrow the role bound to its service account.', 'API を呼ばないワークロードではポッド仕様に automountServiceAccountToken: false を設定する。呼ぶ場合はサービス アカウントにバインドするロールを絞る。'),
  messages: {
    mountsToken: t('{kind} {namespace}/{name} mounts the token of ServiceAccount {namespace}/{account}, which holds {holds}', '{kind} {namespace}/{name} は ServiceAccount {namespace}/{account} のトークンをマウントしており、そのアカウントは {holdsJa} の権限を持ちます'),
    optOut: t('Set {field}: false if the workload does not call the API; otherwise narrow the role bound to {account}', 'ワークロードが API を呼ばない場合は {field}: false を設定し、呼ぶ場合は {account} にバインドされたロールを絞る'),
  },
};

export const automountedPowerfulToken = podRule(meta, z.object({}), (p) => {
  if (p.holds.length === 0) return [];
  // The pod's own setting wins; unset, the ServiceAccount's false opts out; unset on both, Kubernetes mounts it.
  const mounted = p.automount === false ? false : p.automount === true ? true : p.serviceAccount.automount !== false;
  if (!mounted) return [];
  const path = [...p.specPath, 'automountServiceAccountToken'];
  const data = {
    kind: p.kind, namespace: p.namespace, name: p.name, account: p.serviceAccount.name, field: path.join('.'),
    holds: p.holds.map((h) => h.en).join('; '), holdsJa: p.holds.map((h) => h.ja).join('。'),
  };
  return [{ path, container: null, message: say(meta, 'mountsToken', data), remediation: say(meta, 'optOut', data) }];
});
