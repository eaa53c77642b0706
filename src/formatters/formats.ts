// The output formats and their options, apart from the renderers, so that naming a format loads none of them.
import type { Lang } from '../core/report.js';
import type { RuleMeta } from './rules.js';

export const FORMATS = ['table', 'json', 'sarif', 'junit', 'html'] as const;
export type Format = (typeof FORMATS)[number];

/** verbose: the table prints each finding's remediation under it instead of once per policy. */
export interface RenderOptions { lang: Lang; color: boolean; rules?: readonly RuleMeta[]; verbose?: boolean }
