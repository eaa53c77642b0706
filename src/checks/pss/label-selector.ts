// Kubernetes label selectors (matchLabels + matchExpressions), as NetworkPolicy podSelector uses them.
import { arr, isObj, obj, str, strings, type Obj } from '../../k8s/values.js';

/**
 * Whether a selector selects the labels. An absent selector selects nothing; {} selects everything.
 * NotIn and DoesNotExist match labels that lack the key, as in Kubernetes; an unknown operator selects nothing.
 */
export function selects(selector: Obj | undefined, labels: Record<string, unknown>): boolean {
  if (!selector) return false;
  const has = (k: string): boolean => typeof labels[k] === 'string';
  for (const [k, v] of Object.entries(obj(selector.matchLabels) ?? {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of arr(selector.matchExpressions)) {
    if (!isObj(e)) return false;
    const key = str(e.key) ?? '';
    const values = strings(e.values);
    switch (e.operator) {
      case 'In': if (!has(key) || !values.includes(labels[key] as string)) return false; break;
      case 'NotIn': if (has(key) && values.includes(labels[key] as string)) return false; break;
      case 'Exists': if (!has(key)) return false; break;
      case 'DoesNotExist': if (has(key)) return false; break;
      default: return false;
    }
  }
  return true;
}
