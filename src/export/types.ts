// What a check becomes in CEL: rules per container or per object, and how faithfully they say what scan says.

/** Judged per covered container: `violates` and `detail` are CEL over the container variable `c`. */
export interface ContainerRule {
  scope: 'container';
  violates(c: string): string;
  /** CEL string: what is wrong with container `c` (its field and value) */
  detail(c: string): string;
}

/** Judged once per object (pod-level or object-level findings): CEL over `object` and `variables`. */
export interface ObjectRule {
  scope: 'object';
  violates: string;
  /** CEL string: what is wrong, naming the field */
  detail: string;
}

export type Rule = ContainerRule | ObjectRule;

export interface Translation {
  /** exact: refuses exactly what scan reports; difference: stated in `difference` */
  fidelity: 'exact' | 'difference';
  difference?: string;
  rules: Rule[];
}

/** A check's CEL, built from its resolved parameters (Azure's names), or the reason it cannot be exported. */
export type Translator = (params: Record<string, unknown>) => Translation | { notExported: string };
