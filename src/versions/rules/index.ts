// The version rules, in the order reports list them.
import type { VersionRule } from '../subjects.js';
import { versionUnsupported } from './version-unsupported.js';
import { kubeletVersionSkew } from './kubelet-version-skew.js';
import { deprecatedApiRemoved } from './deprecated-api-removed.js';
import { deprecatedApiDeprecated } from './deprecated-api-deprecated.js';

export const VERSION_RULES: readonly VersionRule[] = [versionUnsupported, kubeletVersionSkew, deprecatedApiRemoved, deprecatedApiDeprecated];
