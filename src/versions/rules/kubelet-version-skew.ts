// kubelet-version-skew: a kubelet newer than the API server, or older than the skew policy allows.
import { z } from 'zod';
import { say, t, type RuleMeta } from '../../core/rule.js';
import { versionRule } from '../subjects.js';
import { kubeletSkew } from '../skew.js';

const meta: RuleMeta = {
  id: 'kubelet-version-skew',
  severity: 'medium',
  title: t('Node kubelets should be within the version skew policy', 'ノードの kubelet はバージョン スキュー ポリシーの範囲内にする'),
  description: t('A kubelet must not be newer than the API server and at most three minor versions older (two before 1.28).', 'kubelet は API サーバーより新しくてはならず、古さは 3 マイナー バージョン（1.28 より前は 2）までです。'),
  remediation: t('Upgrade (or replace) the node so its kubelet matches the control plane.', 'kubelet がコントロール プレーンに合うようにノードをアップグレード（または置き換え）する。'),
  messages: {
    newer: t('Node {name}: kubelet {kubelet} is newer than the API server {gitVersion}', 'ノード {name}: kubelet {kubelet} が API サーバー {gitVersion} より新しい'),
    upgradeControlPlaneFirst: t('Upgrade the control plane before node {name}, or downgrade the node to {minor}', 'ノード {name} より先にコントロール プレーンをアップグレードするか、ノードを {minor} に戻す'),
    tooOld: t('Node {name}: kubelet {kubelet} is {by} minor versions older than the API server {gitVersion} (the skew policy allows {limit})', 'ノード {name}: kubelet {kubelet} は API サーバー {gitVersion} より {by} マイナー古い（許容は {limit}）'),
    upgradeNode: t('Upgrade node {name} to {minor}', 'ノード {name} を {minor} にアップグレードする'),
  },
};

export const kubeletVersionSkew = versionRule('node', meta, z.object({}), (n) => {
  const skew = kubeletSkew(n.cluster.minor, n.kubelet);
  const data = { name: n.name, kubelet: n.kubelet, gitVersion: n.cluster.gitVersion, minor: n.cluster.minor };
  const path = ['status', 'nodeInfo', 'kubeletVersion'];
  if (skew.state === 'newer') return [{ path, container: null, message: say(meta, 'newer', data), remediation: say(meta, 'upgradeControlPlaneFirst', data) }];
  if (skew.state === 'older' && !skew.allowed) {
    const older = { ...data, by: skew.by, limit: skew.limit };
    return [{ path, container: null, message: say(meta, 'tooOld', older), remediation: say(meta, 'upgradeNode', older) }];
  }
  return [];
});
