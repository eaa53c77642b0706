// #11 Kubernetes clusters should be accessible only over HTTPS (Azure K8sAzureV1IngressHttpsOnly, the version Defender pins).
import { z } from 'zod';
import { defineObjectCheck, offered, t, type ChangeSpec, type Violation } from './types.js';
import { arr, isObj, isSet, obj } from '../k8s/values.js';
import type { Path } from '../core/path.js';
import { AZURE } from './pss/crosswalk.js';

const CLASS = 'kubernetes.io/ingress.class';
const AGIC_CERT = 'appgw.ingress.kubernetes.io/appgw-ssl-certificate';
const FORCE_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';
const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
const AUTH_TLS = 'nginx.ingress.kubernetes.io/auth-tls-secret';
const PASSTHROUGH = 'nginx.ingress.kubernetes.io/ssl-passthrough';

const FORCE_SSL: ChangeSpec = {
  id: 'force-ssl-redirect',
  change: t('set the nginx.ingress.kubernetes.io/force-ssl-redirect annotation to "true"', '注釈 nginx.ingress.kubernetes.io/force-ssl-redirect を "true" に設定'),
  risk: 'may-break',
  why: t('Plain-HTTP clients are redirected; one that cannot follow a redirect, or an ingress without a certificate, stops working.', 'HTTP のクライアントはリダイレクトされる。リダイレクトに従えないクライアントや証明書のない Ingress は動かなくなる。'),
  needs: t('Give the Ingress a TLS certificate first.', '先に Ingress に TLS 証明書を設定する。'),
};

export default defineObjectCheck({
  target: 'object',
  meta: {
    id: 'ingress-not-https',
    title: t('Kubernetes clusters should be accessible only over HTTPS', 'Kubernetes クラスターは HTTPS 経由でのみアクセス可能である必要がある'),
    severity: 'high',
    category: t('Encrypt data in transit', '転送中のデータを暗号化する'),
    needsConfiguration: false,
    description: t(
      'HTTPS authenticates the server and protects data in transit from interception. Only Ingresses of the Application Gateway Ingress Controller (AGIC) and of NGINX are judged: AGIC needs TLS, NGINX needs TLS and an enforced redirect to HTTPS. Ingresses of any other controller pass.',
      'HTTPS によりサーバーが認証され、転送中のデータがネットワーク層の傍受から保護されます。判定対象は Application Gateway イングレス コントローラー (AGIC) と NGINX のイングレスのみです。AGIC は TLS、NGINX は TLS と HTTPS へのリダイレクトの強制が必要です。その他のコントローラーのイングレスは準拠と見なされます。',
    ),
    remediation: t(
      'Add spec.tls with a certificate secret (AGIC: or the appgw-ssl-certificate annotation); for NGINX also set the annotation nginx.ingress.kubernetes.io/force-ssl-redirect: "true" (or give every rule a host).',
      'spec.tls に証明書シークレットを追加する（AGIC では appgw-ssl-certificate 注釈でも可）。NGINX ではさらに注釈 nginx.ingress.kubernetes.io/force-ssl-redirect: "true" を設定する（またはすべてのルールに host を指定する）。',
    ),
    references: {
      azurePolicy: AZURE.ingressHttps,
      defenderKey: 'c6d87087-9ebe-b31f-b452-0bf3bbbaccd2',
      nsa: 'Network separation and hardening: encrypt traffic with TLS',
    },
    changes: [FORCE_SSL],
  },
  params: () => z.object({}),
  kinds: ['Ingress'],
  apiGroups: ['extensions', 'networking.k8s.io'],
  check({ view }) {
    const o = view.object;
    const ann = obj(obj(o.metadata)?.annotations) ?? {};
    const has = (k: string): boolean => Object.hasOwn(ann, k);
    const spec = obj(o.spec) ?? {};
    const className = spec.ingressClassName;
    const tlsGiven = arr(spec.tls).length > 0;
    const tlsPath: Path = ['spec', 'tls'];
    const annPath = (k: string): Path => ['metadata', 'annotations', k];
    const out: Violation[] = [];

    if (ann[CLASS] === 'azure/application-gateway' && !(tlsGiven || has(AGIC_CERT))) {
      out.push({
        path: tlsPath,
        container: null,
        message: t(
          `Ingress should allow https only. tls configuration is required for ${view.name}`,
          `イングレスは HTTPS のみを許可する必要があります。${view.name} には TLS の構成が必要です`,
        ),
      });
    }

    // The class annotation counts for NGINX only when ingressClassName is absent (null is dropped by the API server).
    const noClassName = className === undefined || className === null;
    if (className === 'nginx' || (noClassName && ann[CLASS] === 'nginx')) {
      const rules = spec.rules;
      const everyRuleHasHost = rules !== undefined && rules !== null
        && arr(rules).every((r) => isObj(r) && isSet(r.host));
      const redirect = ann[FORCE_REDIRECT] === 'true' || (ann[SSL_REDIRECT] !== 'false' && everyRuleHasHost);
      const tls = tlsGiven || has(AUTH_TLS) || ann[PASSTHROUGH] === 'true';
      if (!(redirect && tls)) {
        const redirectPath = annPath(FORCE_REDIRECT);
        out.push({
          path: tls ? redirectPath : tlsPath,
          container: null,
          message: t(
            `Ingress should allow https only. tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for ${view.name}`,
            `イングレスは HTTPS のみを許可する必要があります。${view.name} には TLS の構成と注釈 nginx.ingress.kubernetes.io/force-ssl-redirect=true が必要です`,
          ),
          // Redirecting plain HTTP can break clients that still use it: offered, not applied.
          ...(tls && !redirect ? {
            change: offered(FORCE_SSL),
            suggestion: {
              ops: [{ op: 'set' as const, path: redirectPath, value: 'true' }],
              text: t('Redirect HTTP to HTTPS with nginx.ingress.kubernetes.io/force-ssl-redirect: "true".', 'nginx.ingress.kubernetes.io/force-ssl-redirect: "true" で HTTP を HTTPS にリダイレクトする。'),
            },
          } : {}),
        });
      }
    }
    return out;
  },
});
