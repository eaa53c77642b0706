// The Defender for Containers checks in CEL, with Azure's parameters as constants, judged as scan judges them.
import type { Translator } from './types.js';
import {
  TEMPLATE_ANNOTATIONS, anyOf, containerSc, containerValue, effective, glob, intList, lit, litList, podValue, re2Literal,
} from './cel.js';
import { azureCpuMillis, azureMemoryMilliBytes, type Exact } from '../k8s/quantity.js';
import { UNCONFIGURED_PORTS } from '../checks/disallowed-service-port.js';

const strs = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** An exact decimal (den a power of ten) as text, e.g. 15/10 → "1.5". */
function decimalText(e: Exact): string {
  const den = e.den.toString().length - 1;
  const digits = e.num.toString().padStart(den + 1, '0');
  if (den === 0) return digits;
  let frac = digits.slice(-den);
  while (frac.endsWith('0')) frac = frac.slice(0, -1);
  return frac ? `${digits.slice(0, -den)}.${frac}` : digits.slice(0, -den);
}

/** Kubernetes' canonical quantities Azure's parsers accept (the object an admission policy sees is canonical). */
const AZURE_GRAMMAR = { cpu: '^[0-9]+m?$', memory: '^[0-9]+(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E|m)?$' };

const resourceLimits: Translator = (p) => {
  const max = { cpu: azureCpuMillis(String(p.cpuLimit)), memory: azureMemoryMilliBytes(String(p.memoryLimit)) };
  const limits = (c: string): string => `${c}.resources.limits`;
  const hasLimits = (c: string): string => `(has(${c}.resources) && has(${c}.resources.limits))`;
  const bad = (c: string, r: 'cpu' | 'memory'): string => {
    const v = `${limits(c)}.${r}`;
    const terms = [`!has(${v})`, `!${v}.matches(${lit(AZURE_GRAMMAR[r])})`];
    // both parsers count in thousandths of the unit, so "<n>m" is the same number as a Kubernetes quantity
    const m = max[r];
    if (m !== undefined) terms.push(`quantity(${v}).isGreaterThan(quantity(${lit(`${decimalText(m)}m`)}))`);
    return anyOf(terms);
  };
  const detail = (c: string, r: 'cpu' | 'memory'): string => {
    const v = `${limits(c)}.${r}`;
    return `!has(${v}) ? 'no ${r} limit' : !${v}.matches(${lit(AZURE_GRAMMAR[r])}) ? '${r} limit <' + ${v} + '> could not be parsed' : '${r} limit <' + ${v} + '> is higher than the maximum allowed of <' + ${lit(String(r === 'cpu' ? p.cpuLimit : p.memoryLimit))} + '>'`;
  };
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `!${hasLimits(c)} || ${bad(c, 'cpu')} || ${bad(c, 'memory')}`,
      detail: (c) => `!${hasLimits(c)} ? 'has no resource limits (resources.limits)' : [${bad(c, 'cpu')} ? (${detail(c, 'cpu')}) : '', ${bad(c, 'memory')} ? (${detail(c, 'memory')}) : ''].filter(s, s != '').join(', ') + ' (resources.limits)'`,
    }],
  };
};

const untrustedRegistry: Translator = (p) => {
  const re = String(p.allowedContainerImagesRegex);
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `has(${c}.image) && !${c}.image.matches(${lit(re)})`,
      detail: (c) => `'image ' + ${c}.image + ' has not been allowed (image)'`,
    }],
  };
};

const allowedCapabilities: Translator = (p) => {
  const allowed = strs(p.allowedCapabilities).map((s) => s.toLowerCase());
  const required = strs(p.requiredDropCapabilities).map((s) => s.toLowerCase());
  const caps = (c: string) => containerSc('capabilities', c);
  const addBad = (c: string): string => (allowed.includes('*') ? 'false'
    : `${caps(c).set} && has(${caps(c).val}.add) && ${caps(c).val}.add.exists(a, !(a.lowerAscii() in ${litList(allowed)}))`);
  const dropBad = (c: string): string => {
    if (required.length === 0) return 'false';
    const drops = `(${caps(c).set} && has(${caps(c).val}.drop) ? ${caps(c).val}.drop.map(d, d.lowerAscii()) : [])`;
    return `!('all' in ${drops}) && ${litList(required)}.exists(r, !(r in ${drops}))`;
  };
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `(${addBad(c)}) || (${dropBad(c)})`,
      detail: (c) => `[(${addBad(c)}) ? 'adds a capability not in ' + ${lit(JSON.stringify(strs(p.allowedCapabilities)))} + ' (securityContext.capabilities.add)' : '', (${dropBad(c)}) ? 'does not drop all of ' + ${lit(JSON.stringify(strs(p.requiredDropCapabilities)))} + ' or ALL (securityContext.capabilities.drop)' : ''].filter(s, s != '').join(', ')`,
    }],
  };
};

const appArmor: Translator = (p) => {
  const allowed = strs(p.allowedProfiles);
  const readField = p.readAppArmorField === true;
  const key = (c: string): string => `${lit('container.apparmor.security.beta.kubernetes.io/')} + ${c}.name`;
  const ann = (c: string): string => `(${key(c)} in ${TEMPLATE_ANNOTATIONS} ? ${TEMPLATE_ANNOTATIONS}[${key(c)}] : null)`;
  const asAnnotation = (f: string): string => `(${f}.type == 'RuntimeDefault' ? 'runtime/default' : ${f}.type == 'Unconfined' ? 'unconfined' : ${f}.type == 'Localhost' ? 'localhost/' + (has(${f}.localhostProfile) ? ${f}.localhostProfile : '') : ${f}.type)`;
  const profile = (c: string): string => {
    if (!readField) return `(${ann(c)} != null ? ${ann(c)} : 'runtime/default')`;
    const own = containerSc('appArmorProfile', c);
    const pod = podValue('appArmorProfile');
    return `(${own.set} ? ${asAnnotation(own.val)} : ${ann(c)} != null ? ${ann(c)} : ${pod} != null ? ${asAnnotation('variables.spec.securityContext.appArmorProfile')} : 'runtime/default')`;
  };
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `!(${anyOf(allowed.map((a) => glob(profile(c), a)))})`,
      detail: (c) => `'AppArmor profile ' + ${profile(c)} + ' is not allowed; allowed profiles: ' + ${lit(JSON.stringify(allowed))} + ' (' + ${readField ? `(${containerSc('appArmorProfile', c).set} ? 'securityContext.appArmorProfile' : 'metadata.annotations')` : "'metadata.annotations'"} + ')'`,
    }],
  };
};

/** Rego's to_number of a decimal string (Go ParseFloat), or undefined. */
function toNumber(s: string): number | undefined {
  return /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

const servicePorts: Translator = (p) => {
  const list = strs(p.allowedServicePortsList);
  const exact: number[] = [];
  const ranges: [number, number][] = [];
  for (const entry of list) {
    if (/\d-\d/.test(entry)) {
      const [lo, hi] = entry.split('-').map(toNumber);
      if (lo !== undefined && hi !== undefined && Math.ceil(lo) <= Math.floor(hi)) ranges.push([Math.ceil(lo), Math.floor(hi)]);
    } else if (/^(0|[1-9]\d*)$/.test(entry)) {
      exact.push(Number(entry));
    }
  }
  const ok = anyOf([...(exact.length ? [`p.port in ${intList(exact)}`] : []), ...ranges.map(([lo, hi]) => `p.port >= ${lo} && p.port <= ${hi}`)]);
  const builtIn = "(object.metadata.name == 'kubernetes' && request.namespace == 'default')";
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'object',
      violates: `!${builtIn} && has(object.spec.ports) && object.spec.ports.exists(p, !(${ok}))`,
      detail: `'ports ' + object.spec.ports.filter(p, !(${ok})).map(p, string(p.port)).join(', ') + ' of service ' + object.metadata.name + ' have not been allowed (spec.ports)'`,
    }],
  };
};

const hostNetworkPorts: Translator = (p) => {
  const allowNet = p.allowHostNetwork === true;
  const min = Number(p.minPort);
  const max = Number(p.maxPort);
  const hostNet = "(has(variables.spec.hostNetwork) && variables.spec.hostNetwork == true)";
  const out = (v: string): string => `(${v} < ${min} || ${v} > ${max})`;
  // under hostNetwork the API server makes hostPort = containerPort for regular and init containers of a Pod; for
  // templates that happens when their pods are created, so the policy applies the same default itself
  const portBad = (c: string): string => `has(${c}.ports) && ${c}.ports.exists(p, has(p.hostPort) ? ${out('p.hostPort')} : (${hostNet} && !(${c}.name in variables.ephemeralNames) && has(p.containerPort) && ${out('p.containerPort')}))`;
  const netBad = allowNet ? 'false' : hostNet;
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `${netBad} || (${portBad(c)})`,
      detail: () => `'the specified hostNetwork and hostPort are not allowed; allowed: {allowHostNetwork: ${allowNet}, minPort: ${min}, maxPort: ${max}} (' + (${netBad} ? 'spec.hostNetwork' : 'ports.hostPort') + ')'`,
    }],
  };
};

/** RE2 for "the path lies under this prefix", segment by segment as mamori's pathMatches compares them. */
function underPrefix(prefix: string): string {
  if (prefix === '/') return '^(?s).*$';
  let from = 0;
  let to = prefix.length;
  while (from < to && prefix[from] === '/') from++;
  while (to > from && prefix[to - 1] === '/') to--;
  const segs = prefix.slice(from, to);
  // an all-slash prefix other than "/" is one empty segment: only the empty path or all-slash paths (not "/") match
  if (segs === '') return '^(|//+)$';
  return `^(?s)/*${segs.split('/').map(re2Literal).join('/')}(/.*)?$`;
}

const hostPaths: Translator = (p) => {
  const paths = ((p.allowedHostPaths as { paths?: { pathPrefix: string; readOnly?: boolean }[] } | undefined)?.paths) ?? [];
  const matching = (v: string): string => anyOf(paths.map((a) => `${v}.hostPath.path.matches(${lit(underPrefix(a.pathPrefix))})`));
  const readOnlyRequired = (v: string): string => anyOf(paths.filter((a) => a.readOnly === true).map((a) => `${v}.hostPath.path.matches(${lit(underPrefix(a.pathPrefix))})`));
  const mounts = (v: string, cond: string): string => `variables.containers.exists(c, has(c.volumeMounts) && c.volumeMounts.exists(m, m.name == ${v}.name${cond}))`;
  // Mounted or not, as the check judges it: an ephemeral container added later can mount any volume the pod has.
  const bad = (v: string): string => `has(${v}.hostPath) && (!(${matching(v)}) || ((${readOnlyRequired(v)}) && ${mounts(v, ' && !(has(m.readOnly) && m.readOnly == true)')}))`;
  const vols = 'variables.spec.volumes';
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'object',
      violates: `has(${vols}) && ${vols}.exists(v, ${bad('v')})`,
      detail: `'hostPath volumes ' + ${vols}.filter(v, ${bad('v')}).map(v, v.name + ' (' + v.hostPath.path + ')').join(', ') + ' are not allowed or not mounted read-only; allowed paths: ' + ${lit(JSON.stringify(paths))} + ' (spec.volumes)'`,
    }],
  };
};

const privilegeEscalation: Translator = () => {
  const ape = (c: string): string => containerValue('allowPrivilegeEscalation', c);
  const user = (c: string): string => effective('runAsUser', c);
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => `${ape(c)} == true || (${ape(c)} == null && ${user(c)} != null && ${user(c)} != 0)`,
      detail: () => "'privilege escalation is not allowed (securityContext.allowPrivilegeEscalation)'",
    }],
  };
};

const hostNamespace: Translator = () => ({
  fidelity: 'exact',
  rules: [{
    scope: 'object',
    violates: '(has(variables.spec.hostPID) && variables.spec.hostPID == true) || (has(variables.spec.hostIPC) && variables.spec.hostIPC == true)',
    detail: "'sharing the host namespace is not allowed: pod ' + object.metadata.name + ' (spec.hostPID, spec.hostIPC)'",
  }],
});

const readOnlyRoot: Translator = () => ({
  fidelity: 'exact',
  rules: [{
    scope: 'container',
    violates: (c) => `${containerValue('readOnlyRootFilesystem', c)} != true`,
    detail: () => "'read-only root filesystem is required (securityContext.readOnlyRootFilesystem)'",
  }],
});

const ingressHttps: Translator = () => {
  const ann = '(has(object.metadata.annotations) ? object.metadata.annotations : {})';
  const a = (k: string): string => `(${lit(k)} in ${ann} ? ${ann}[${lit(k)}] : null)`;
  const has = (k: string): string => `(${lit(k)} in ${ann})`;
  const tlsGiven = '(has(object.spec.tls) && size(object.spec.tls) > 0)';
  const className = '(has(object.spec.ingressClassName) ? object.spec.ingressClassName : null)';
  const agic = `${a('kubernetes.io/ingress.class')} == 'azure/application-gateway' && !(${tlsGiven} || ${has('appgw.ingress.kubernetes.io/appgw-ssl-certificate')})`;
  const everyRuleHasHost = '(has(object.spec.rules) && object.spec.rules.all(r, has(r.host)))';
  const redirect = `(${a('nginx.ingress.kubernetes.io/force-ssl-redirect')} == 'true' || (${a('nginx.ingress.kubernetes.io/ssl-redirect')} != 'false' && ${everyRuleHasHost}))`;
  const tls = `(${tlsGiven} || ${has('nginx.ingress.kubernetes.io/auth-tls-secret')} || ${a('nginx.ingress.kubernetes.io/ssl-passthrough')} == 'true')`;
  const nginx = `(${className} == 'nginx' || (${className} == null && ${a('kubernetes.io/ingress.class')} == 'nginx')) && !(${redirect} && ${tls})`;
  return {
    fidelity: 'exact',
    rules: [
      { scope: 'object', violates: agic, detail: "'ingress should allow https only: tls configuration is required for ' + object.metadata.name + ' (spec.tls)'" },
      { scope: 'object', violates: nginx, detail: "'ingress should allow https only: tls configuration and annotation nginx.ingress.kubernetes.io/force-ssl-redirect=true are required for ' + object.metadata.name + ' (spec.tls, metadata.annotations)'" },
    ],
  };
};

const automountToken: Translator = () => ({
  fidelity: 'difference',
  difference: 'An admission policy cannot read the ServiceAccount: a pod that leaves automountServiceAccountToken unset is refused even when its ServiceAccount sets automountServiceAccountToken: false (scan passes it when that ServiceAccount is in its input).',
  rules: [{
    scope: 'object',
    violates: '!(has(variables.spec.automountServiceAccountToken) && variables.spec.automountServiceAccountToken == false)',
    detail: "'automounting service account token is disallowed, pod: ' + object.metadata.name + ' (spec.automountServiceAccountToken)'",
  }],
});

const defaultNamespace: Translator = () => ({
  fidelity: 'exact',
  rules: [{
    scope: 'object',
    violates: "request.namespace == 'default' && !(object.kind == 'Service' && object.metadata.name == 'kubernetes') && !(object.kind == 'ServiceAccount' && object.metadata.name == 'default')",
    detail: "'usage of the default namespace is not allowed, name: ' + object.metadata.name + ', kind: ' + object.kind + ' (metadata.namespace)'",
  }],
});

const sysAdmin: Translator = (p) => {
  const disallowed = strs(p.disallowedCapabilities);
  const caps = (c: string) => containerSc('capabilities', c);
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => (disallowed.includes('*') ? 'true' : `${caps(c).set} && has(${caps(c).val}.add) && ${caps(c).val}.add.exists(a, a in ${litList(disallowed)})`),
      detail: () => `'has a disallowed capability; disallowed capabilities are ' + ${lit(JSON.stringify(disallowed))} + ' (securityContext.capabilities.add)'`,
    }],
  };
};

const privileged: Translator = () => ({
  fidelity: 'exact',
  rules: [{
    scope: 'container',
    violates: (c) => `${containerValue('privileged', c)} == true`,
    detail: () => "'privileged container is not allowed (securityContext.privileged)'",
  }],
});

interface Ranges { ranges: { min: number; max: number }[] }
function inRange(v: string, r: Ranges): string {
  return anyOf(r.ranges.map((x) => (x.max === -1 ? `${v} >= ${x.min}` : `${v} >= ${x.min} && ${v} <= ${x.max}`)));
}

const usersGroups: Translator = (p) => {
  const userRule = String(p.runAsUserRule);
  const userRanges = p.runAsUserRanges as Ranges;
  const user = (c: string): string => effective('runAsUser', c);
  const userBad = (c: string): string => (userRule === 'RunAsAny' ? 'false'
    : userRule === 'MustRunAs' ? `${user(c)} == null || !(${inRange(user(c), userRanges)})`
      : `${user(c)} != null ? ${user(c)} == 0 : ${effective('runAsNonRoot', c)} != true`);
  const group = (value: string, list: boolean, rule: string, ranges: Ranges): string => {
    if (rule === 'RunAsAny') return 'false';
    const outOfRange = list ? `${value}.exists(g, !(${inRange('g', ranges)}))` : `!(${inRange(value, ranges)})`;
    return rule === 'MustRunAs' ? `${value} == null || ${outOfRange}` : `${value} != null && ${outOfRange}`;
  };
  const parts = (c: string): [string, string][] => [
    ['runAsUser', userBad(c)],
    ['runAsGroup', group(effective('runAsGroup', c), false, String(p.runAsGroupRule), p.runAsGroupRanges as Ranges)],
    ['supplementalGroups', group(podValue('supplementalGroups'), true, String(p.supplementalGroupsRule), p.supplementalGroupsRanges as Ranges)],
    ['fsGroup', group(podValue('fsGroup'), false, String(p.fsGroupRule), p.fsGroupRanges as Ranges)],
  ];
  return {
    fidelity: 'exact',
    rules: [{
      scope: 'container',
      violates: (c) => anyOf(parts(c).map(([, e]) => e).filter((e) => e !== 'false')),
      detail: (c) => `'runs with a user or group id outside the allowed rules (securityContext: ' + [${parts(c).map(([n, e]) => `(${e}) ? ${lit(n)} : ''`).join(', ')}].filter(s, s != '').join(', ') + ')'`,
    }],
  };
};

export const DEFENDER_TRANSLATORS: Record<string, Translator> = {
  'missing-resource-limits': resourceLimits,
  'untrusted-registry': untrustedRegistry,
  'disallowed-capabilities': allowedCapabilities,
  'disallowed-apparmor-profile': appArmor,
  'disallowed-service-port': (p) => (JSON.stringify(p.allowedServicePortsList) === JSON.stringify(UNCONFIGURED_PORTS) ? { notExported: 'needs configuration' } : servicePorts(p)),
  'host-network-or-port': hostNetworkPorts,
  'disallowed-host-path': hostPaths,
  'privilege-escalation-allowed': privilegeEscalation,
  'host-namespace-shared': hostNamespace,
  'writable-root-filesystem': readOnlyRoot,
  'ingress-not-https': ingressHttps,
  'service-account-token-automount': automountToken,
  'default-namespace': defaultNamespace,
  'sys-admin-capability': sysAdmin,
  'privileged-container': privileged,
  'run-as-root': usersGroups,
  'misplaced-security-context-field': () => ({
    notExported: 'the API server drops a securityContext field written at the wrong level while decoding the request (or refuses the request under strict field validation), so no admission policy ever sees it',
  }),
};
