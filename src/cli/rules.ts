// The catalogue as formatter rule metadata.
import { ALL_CHECKS } from '../checks/index.js';
import type { RuleMeta } from '../formatters/rules.js';

export function catalogueRules(): RuleMeta[] {
  return ALL_CHECKS.map((c) => ({
    id: c.meta.id,
    title: c.meta.title,
    description: c.meta.description,
    remediation: c.meta.remediation,
    severity: c.meta.severity,
    helpUri: `https://github.com/mamori-dev/mamori/blob/main/docs/policies.md#${c.meta.id}`,
    tags: [c.meta.category.en],
  }));
}
