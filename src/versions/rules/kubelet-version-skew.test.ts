// kubelet-version-skew over node facts: same, older within the policy, too old (3 from 1.28, 2 before), newer, unreadable.
import { versionsTester } from '../../../test/support/rule-families.js';
import type { NodeFact } from '../subjects.js';
import { kubeletVersionSkew as rule } from './kubelet-version-skew.js';

const node = (kubelet: string, api = '1.35'): NodeFact => ({ on: 'node', name: 'n', kubelet, cluster: { gitVersion: `v${api}.2`, minor: api } });
versionsTester.run(rule, {
  valid: [node('v1.35.1'), node('v1.32.0'), node('v1.25.3', '1.27'), node('garbage')].map((input) => ({ input })),
  invalid: [
    { name: 'four minors older at 1.35', input: node('v1.31.2'), errors: [{ messageId: 'tooOld', path: 'status.nodeInfo.kubeletVersion', remediationId: 'upgradeNode' }] },
    { name: 'three minors older at 1.26', input: node('v1.23.5', '1.26'), errors: [{ messageId: 'tooOld', path: 'status.nodeInfo.kubeletVersion' }] },
    { name: 'newer than the API server', input: node('v1.36.0'), errors: [{ messageId: 'newer', path: 'status.nodeInfo.kubeletVersion', remediationId: 'upgradeControlPlaneFirst' }] },
  ],
});
