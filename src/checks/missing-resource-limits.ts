// #1 Container CPU and memory limits should be enforced (Azure K8sAzureV3ContainerLimits).
import { z } from 'zod';
import { definePodCheck, offered, t, type ChangeSpec, type FixOp, type Violation } from './types.js';
import { containerExclusions } from './params.js';
import { azureCpuMillis, azureMemoryMilliBytes, canonicalQuantity, compare, type Exact } from '../k8s/quantity.js';
import { obj } from '../k8s/values.js';
import type { ContainerView } from '../k8s/workload.js';
import { AZURE } from './pss/crosswalk.js';

type Resource = 'cpu' | 'memory';

const AZURE_PARSE: Record<Resource, (v: unknown) => Exact | undefined> = { cpu: azureCpuMillis, memory: azureMemoryMilliBytes };
/** Japanese spacing: a space between Latin and Japanese text only ("に CPU の制限", "にメモリの制限"). */
const LIMIT_JA: Record<Resource, { of: string; limit: string }> = {
  cpu: { of: ' CPU の制限', limit: ' CPU 制限' },
  memory: { of: 'メモリの制限', limit: 'メモリ制限' },
};

const SET_LIMITS: ChangeSpec = {
  id: 'set-limits',
  change: t('set resources.limits.cpu and resources.limits.memory', 'resources.limits.cpu と resources.limits.memory を設定'),
  risk: 'may-break',
  why: t('A memory limit below what the workload uses gets it OOM-killed; a CPU limit below it throttles it.', 'ワークロードの使用量より低いメモリ制限では OOM で強制終了され、CPU 制限ではスロットリングされる。'),
  needs: t('Give values sized to the workload, e.g. --set limits.cpu=250m --set limits.memory=256Mi.', 'ワークロードに合わせた値を与える（例: --set limits.cpu=250m --set limits.memory=256Mi）。'),
};
const LOWER_LIMIT: ChangeSpec = {
  id: 'lower-limit',
  change: t('lower a limit to the maximum allowed', '制限を許可された上限まで下げる'),
  risk: 'may-break',
  why: t('The workload gets less memory or CPU than today: it may be OOM-killed or throttled.', 'ワークロードが使えるメモリや CPU が今より減る。OOM で強制終了されたりスロットリングされたりしうる。'),
  needs: t('Check that the workload fits in the maximum.', 'ワークロードが上限内に収まることを確認する。'),
};

export default definePodCheck({
  target: 'pod',
  meta: {
    id: 'missing-resource-limits',
    title: t('Container CPU and memory limits should be enforced', 'コンテナーの CPU とメモリの制限を強制する必要がある'),
    severity: 'medium',
    category: t('Protect applications against DDoS attacks', 'DDoS 攻撃からのアプリケーションの保護'),
    needsConfiguration: true,
    description: t(
      'Every regular and init container must declare CPU and memory limits no higher than the allowed maximum, so that one workload cannot exhaust a node (a form of denial of service). Quantities are judged as a live cluster would: first in the canonical form Kubernetes stores, then with Azure\'s parser, which accepts plain numbers and "m" for CPU and Ki…Ei, k, M, G, T, P, E, m for memory; anything else is reported as unparseable. Ephemeral containers are not checked.',
      'すべての通常コンテナーと init コンテナーに、許可された上限以下の CPU とメモリの制限を宣言する必要があります。1 つのワークロードがノードのリソースを使い果たす（サービス拒否の一種）のを防ぎます。数量はライブ クラスターと同じく、Kubernetes が保存する正規形に直してから Azure のパーサーで判定します（CPU は数値と "m"、メモリは Ki…Ei、k、M、G、T、P、E、m のみ受け付け、それ以外は解析不能として報告）。エフェメラル コンテナーは対象外です。',
    ),
    remediation: t(
      'Set resources.limits.cpu and resources.limits.memory on every container and init container, within the allowed maximum (cpuLimit, memoryLimit), written as plain cores or millicores ("500m") and bytes with Ki/Mi/Gi or k/M/G suffixes.',
      'すべてのコンテナーと init コンテナーに resources.limits.cpu と resources.limits.memory を、許可された上限（cpuLimit、memoryLimit）以内で設定する。CPU はコア数またはミリコア（"500m"）、メモリはバイト数に Ki/Mi/Gi または k/M/G の接尾辞で書く。',
    ),
    references: {
      azurePolicy: AZURE.resourceLimits,
      defenderKey: '405c9ae6-49f9-46c4-8873-a86690f27818',
      nsa: 'Resource policies: limit CPU and memory per container (LimitRange, ResourceQuota)',
      kubescape: 'C-0009',
      links: ['https://aka.ms/k8s-policy-pod-limits', 'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
    },
    changes: [SET_LIMITS, LOWER_LIMIT],
  },
  params: () => z.object({
    cpuLimit: z.string().default('32')
      .describe('Max allowed CPU units for a container ("32" = 32 cores, "500m" = half a core). When it cannot be parsed the maximum is not enforced (as in Azure).'),
    memoryLimit: z.string().default('64Gi')
      .describe('Max allowed memory for a container ("64Gi", "512Mi", "1G"). When it cannot be parsed the maximum is not enforced (as in Azure).'),
    ...containerExclusions(),
  }),
  classes: ['containers', 'initContainers'],
  skipWindows: false,
  excludes: { containers: true, images: true },
  check({ containers }, params) {
    const max: Record<Resource, { text: string; value: Exact | undefined }> = {
      cpu: { text: params.cpuLimit, value: azureCpuMillis(params.cpuLimit) },
      memory: { text: params.memoryLimit, value: azureMemoryMilliBytes(params.memoryLimit) },
    };
    return containers.flatMap((c) => containerViolations(c, max));
  },
});

function containerViolations(c: ContainerView, max: Record<Resource, { text: string; value: Exact | undefined }>): Violation[] {
  const resources = obj(c.spec.resources);
  const limits = obj(resources?.limits);
  const requests = obj(resources?.requests) ?? {};
  const limitsPath = [...c.path, 'resources', 'limits'];
  /** what to offer as a limit: the container's request if it has one, else the maximum allowed */
  const proposal = (r: Resource): unknown => (isPresent(requests[r]) ? requests[r] : max[r].text);
  const proposalText = t(
    'The values offered are the container\'s requests, or the maximum allowed where it has none: size them to what the workload needs, since a limit set too low throttles CPU or gets the container OOM-killed.',
    '提案値はコンテナーの requests、なければ許可された上限です。低すぎる制限は CPU のスロットリングや OOM による強制終了を招くため、ワークロードに合わせて調整してください。',
  );
  if (!limits) {
    return [{
      path: limitsPath,
      container: c.name,
      message: t(`container <${c.name}> has no resource limits`, `コンテナー <${c.name}> にリソース制限がありません`),
      change: offered(SET_LIMITS),
      suggestion: { ops: [{ op: 'set', path: limitsPath, value: { cpu: proposal('cpu'), memory: proposal('memory') } }], text: proposalText },
    }];
  }
  const out: Violation[] = [];
  for (const r of ['cpu', 'memory'] as const) {
    const path = [...limitsPath, r];
    const raw = limits[r];
    const ja = LIMIT_JA[r];
    if (!isPresent(raw)) {
      out.push({
        path,
        container: c.name,
        message: t(`container <${c.name}> has no ${r} limit`, `コンテナー <${c.name}> に${ja.of}がありません`),
        change: offered(SET_LIMITS),
        suggestion: { ops: [{ op: 'set', path, value: proposal(r) }], text: proposalText },
      });
      continue;
    }
    const written = String(raw);
    // The API server trims surrounding whitespace before parsing a quantity (Quantity.UnmarshalJSON).
    const canonical = typeof raw === 'string' ? canonicalQuantity(raw.trim()) : typeof raw === 'number' ? canonicalQuantity(raw) : undefined;
    const seen = canonical ?? written;
    const value = AZURE_PARSE[r](canonical ?? raw);
    const note = canonical === undefined
      ? t(' (not a valid Kubernetes quantity either)', '（Kubernetes の数量としても無効）')
      : canonical !== written
        ? t(` (written as ${written}; Kubernetes stores it as ${canonical})`, `（記述は ${written}、Kubernetes は ${canonical} として保存）`)
        : t('', '');
    if (value === undefined) {
      out.push({
        path,
        container: c.name,
        message: t(
          `container <${c.name}> ${r} limit <${seen}> could not be parsed${note.en}`,
          `コンテナー <${c.name}> の${ja.limit} <${seen}> を解析できません${note.ja}`,
        ),
      });
      continue;
    }
    const m = max[r];
    if (m.value !== undefined && compare(value, m.value) > 0) {
      const ops: FixOp[] = [{ op: 'set', path, value: m.text }];
      out.push({
        path,
        container: c.name,
        message: t(
          `container <${c.name}> ${r} limit <${seen}> is higher than the maximum allowed of <${m.text}>${note.en}`,
          `コンテナー <${c.name}> の${ja.limit} <${seen}> が許可された上限 <${m.text}> を超えています${note.ja}`,
        ),
        change: offered(LOWER_LIMIT),
        suggestion: { ops, text: t(`Lower the ${r} limit to the maximum allowed (${m.text}).`, `${ja.of.trim()}を許可された上限（${m.text}）まで下げる。`) },
      });
    }
  }
  return out;
}

/** Azure's "has a limit": present, not false, not the empty string. */
function isPresent(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false && v !== '';
}
