// version-unsupported over the cluster fact: inside the window, newer than it, older with and without a known end of life.
import { versionsTester } from '../../../test/support/rule-families.js';
import type { ClusterFact } from '../subjects.js';
import { RELEASES } from '../releases.js';
import { versionUnsupported as rule } from './version-unsupported.js';

const cluster = (gitVersion: string, minor: string): ClusterFact => ({
  on: 'cluster', gitVersion, minor, window: ['1.37', '1.36', '1.35'], today: '2026-11-22',
  ...(RELEASES.some((r) => r.minor === minor) ? { release: RELEASES.find((r) => r.minor === minor)! } : {}),
});
versionsTester.run(rule, {
  valid: [cluster('v1.35.4', '1.35'), cluster('v1.38.0-alpha.1', '1.38')].map((input) => ({ input })),
  invalid: [
    { name: 'end of life known', input: cluster('v1.32.9', '1.32'), errors: [{ messageId: 'outsideWithEndOfLife', path: 'version', remediationId: 'upgradePath' }] },
    { name: 'older than the release table', input: cluster('v1.19.16', '1.19'), errors: [{ messageId: 'outside', path: 'version' }] },
  ],
});
