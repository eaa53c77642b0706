// #5 Services should listen on allowed ports only (Azure K8sAzureV1ServiceAllowedPorts).
import { z } from 'zod';
import { defineObjectCheck, t, type Violation } from './types.js';
import { arr, obj } from '../k8s/values.js';
import { AZURE } from './pss/crosswalk.js';

/** MCSB's default: "-1" is compared literally and equals no port, so every Service with ports fails. */
export const UNCONFIGURED_PORTS = ['-1'];
const CONFIG_KEY = 'policies.disallowed-service-port.parameters.allowedServicePortsList';

/** Rego's to_number on a string (Go ParseFloat of a decimal); undefined where Rego's conversion fails. */
function toNumber(s: string): number | undefined {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

/**
 * An entry with a digits-dash-digits substring is a range [first piece, second piece] of its "-"-split
 * pieces (numeric, inclusive; pieces that are not numbers allow nothing); any other entry must equal the
 * port's decimal string exactly ("080" is not 80).
 */
export function portAllowed(allowed: readonly string[], port: number): boolean {
  return allowed.some((entry) => {
    if (/\d-\d/.test(entry)) {
      const [lo, hi] = entry.split('-').map(toNumber);
      return lo !== undefined && hi !== undefined && lo <= port && port <= hi;
    }
    return entry === String(port);
  });
}

export default defineObjectCheck({
  target: 'object',
  meta: {
    id: 'disallowed-service-port',
    title: t('Services should listen on allowed ports only', 'サービスは許可されたポートでのみリッスンする必要がある'),
    severity: 'medium',
    category: t('Restrict unauthorized network access', '承認されていないネットワークアクセスの制限'),
    needsConfiguration: true,
    description: t(
      'Restricting Services to the ports you expect reduces the cluster\'s attack surface. Every spec.ports[].port of a Service must be in allowedServicePortsList: an entry such as "8000-8999" is an inclusive range, any other entry must equal the port exactly (so "080" does not allow 80). targetPort, nodePort and the Service type are not considered; the Service kubernetes in namespace default is skipped. The default ["-1"] allows nothing: configure the list first.',
      'サービスのアクセスを想定したポートに限定して、クラスターの攻撃面を減らします。Service の spec.ports[].port はすべて allowedServicePortsList に含まれる必要があります。"8000-8999" のような項目は両端を含む範囲、それ以外の項目はポート番号と完全一致が必要です（"080" は 80 を許可しません）。targetPort、nodePort、Service の種類は判定に使いません。default 名前空間の Service kubernetes は対象外です。既定値 ["-1"] は何も許可しないため、先にリストを構成してください。',
    ),
    remediation: t(
      'Expose the Service only on an allowed port (spec.ports[].port), or add the port to allowedServicePortsList if it is intended.',
      'Service を許可されたポート（spec.ports[].port）でのみ公開する。意図したポートであれば allowedServicePortsList に追加する。',
    ),
    references: {
      azurePolicy: AZURE.servicePorts,
      defenderKey: 'add45209-73f6-4fa5-a5a5-74a451b07fbe',
      nsa: 'Network separation and hardening: expose only the ports services need',
    },
  },
  params: () => z.object({
    allowedServicePortsList: z.array(z.string()).default(UNCONFIGURED_PORTS)
      .describe('Service ports allowed, as strings: single ports ("443") or inclusive ranges ("8000-8999"). The default ["-1"] allows none: configure it first.'),
  }),
  needsConfiguration(params) {
    const list = params.allowedServicePortsList;
    if (list.length !== 1 || list[0] !== '-1') return null;
    return t(
      `needs configuration: no Service port is allowed yet, so every Service with ports would fail. Set ${CONFIG_KEY} in mamori.yaml to the ports your Services may listen on, for example ["80", "443"] or ["443", "8000-8999"].`,
      `構成が必要です: 許可されたサービス ポートがまだないため、ポートを持つすべての Service が不合格になります。mamori.yaml の ${CONFIG_KEY} に、Service がリッスンしてよいポートを設定してください（例: ["80", "443"]、["443", "8000-8999"]）。`,
    );
  },
  kinds: ['Service'],
  apiGroups: [''],
  check({ view }, params) {
    if (view.name === 'kubernetes' && view.namespace === 'default') return [];
    const ports = arr(obj(view.object.spec)?.ports);
    const seen = new Set<number>();
    const out: Violation[] = [];
    ports.forEach((p, i) => {
      const port = obj(p)?.port;
      if (typeof port !== 'number' || seen.has(port)) return;
      seen.add(port);
      if (portAllowed(params.allowedServicePortsList, port)) return;
      out.push({
        path: ['spec', 'ports', i, 'port'],
        container: null,
        message: t(
          `Port ${port} for service ${view.name} has not been allowed.`,
          `サービス ${view.name} のポート ${port} は許可されていません。`,
        ),
      });
    });
    return out;
  },
});
