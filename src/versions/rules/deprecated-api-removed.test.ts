// deprecated-api-removed over manifest facts: removed at or before the target, with and without a migration note.
import { versionsTester } from '../../../test/support/rule-families.js';
import { manifestFact } from '../subjects.js';
import { deprecatedApiRemoved as rule } from './deprecated-api-removed.js';

const m = manifestFact;
versionsTester.run(rule, {
  valid: [m('apps/v1', 'Deployment', '1.35'), m('flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema', '1.31'), m('batch/v1beta1', 'CronJob', '1.24')].map((input) => ({ input })),
  invalid: [
    { name: 'removed, no note', input: m('batch/v1beta1', 'CronJob', '1.25'), errors: [{ messageId: 'removed', path: 'apiVersion', remediationId: 'changeApiVersion' }] },
    { name: 'removed, with a note', input: m('extensions/v1beta1', 'Ingress', '1.32'), errors: [{ messageId: 'removedWithNote', path: 'apiVersion' }] },
  ],
});
