// Prometheus metrics of the webhook, kept by hand in the text exposition format (no client library needed).

/** Seconds; the admission path should sit in the first few buckets. */
export const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

function labels(l: Record<string, string>): string {
  const parts = Object.entries(l).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

class Counter {
  private values = new Map<string, { l: Record<string, string>; v: number }>();
  constructor(readonly name: string, readonly help: string) {}
  inc(l: Record<string, string>, by = 1): void {
    const key = labels(l);
    const cur = this.values.get(key);
    if (cur) cur.v += by;
    else this.values.set(key, { l, v: by });
  }
  get(l: Record<string, string>): number { return this.values.get(labels(l))?.v ?? 0; }
  render(): string {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    for (const [key, { v }] of this.values) out.push(`${this.name}${key} ${v}`);
    return out.join('\n');
  }
}

class Histogram {
  private counts = new Array<number>(LATENCY_BUCKETS.length).fill(0);
  private sum = 0;
  private count = 0;
  constructor(readonly name: string, readonly help: string) {}
  observe(seconds: number): void {
    this.sum += seconds;
    this.count++;
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) this.counts[i]!++;
  }
  render(): string {
    const out = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    LATENCY_BUCKETS.forEach((b, i) => out.push(`${this.name}_bucket{le="${b}"} ${this.counts[i]}`));
    out.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return out.join('\n');
  }
}

export class Metrics {
  readonly requests = new Counter('mamori_webhook_requests_total', 'HTTP requests by path and status code.');
  readonly admissions = new Counter('mamori_webhook_admission_reviews_total', 'AdmissionReviews answered, by operation, kind and verdict.');
  readonly decisions = new Counter('mamori_webhook_policy_violations_total', 'Open findings in answered AdmissionReviews, by policy and effect.');
  readonly latency = new Histogram('mamori_webhook_admission_duration_seconds', 'Time from the request arriving to the AdmissionReview answer, in seconds.');

  render(): string {
    const mem = process.memoryUsage();
    return [
      this.requests.render(),
      this.admissions.render(),
      this.decisions.render(),
      this.latency.render(),
      '# HELP process_resident_memory_bytes Resident memory size in bytes.',
      '# TYPE process_resident_memory_bytes gauge',
      `process_resident_memory_bytes ${mem.rss}`,
      '# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.',
      '# TYPE nodejs_heap_used_bytes gauge',
      `nodejs_heap_used_bytes ${mem.heapUsed}`,
      '',
    ].join('\n');
  }
}
