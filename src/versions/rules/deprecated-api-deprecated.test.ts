// deprecated-api-deprecated over manifest facts: deprecated at the target and not yet removed.
import { versionsTester } from '../../../test/support/rule-families.js';
import { manifestFact } from '../subjects.js';
import { deprecatedApiDeprecated as rule } from './deprecated-api-deprecated.js';

const m = manifestFact;
versionsTester.run(rule, {
  valid: [m('apps/v1', 'Deployment', '1.35'), m('batch/v1beta1', 'CronJob', '1.20'), m('batch/v1beta1', 'CronJob', '1.25')].map((input) => ({ input })),
  invalid: [
    { name: 'deprecated, no note', input: m('batch/v1beta1', 'CronJob', '1.21'), errors: [{ messageId: 'deprecated', path: 'apiVersion', remediationId: 'changeApiVersion' }] },
    { name: 'deprecated, with a note', input: m('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31'), errors: [{ messageId: 'deprecatedWithNote', path: 'apiVersion' }] },
  ],
});
