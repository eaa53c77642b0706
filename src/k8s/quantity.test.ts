// Unit test for quantity parsing: Azure's limits-template parser and Kubernetes' grammar, compared exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { azureCpuMillis, azureMemoryMilliBytes, compare, k8sQuantity, type Exact } from './quantity.js';

/** An exact value as a plain decimal string, for readable comparisons. */
function show(e: Exact | undefined): string | undefined {
  if (e === undefined) return undefined;
  const whole = e.num / e.den;
  const rest = e.num % e.den;
  if (rest === 0n) return String(whole);
  let frac = '';
  let r = rest;
  for (let i = 0; i < 30 && r !== 0n; i++) { r *= 10n; frac += String(r / e.den); r %= e.den; }
  return `${whole}.${frac}`;
}

test('quantity: Azure CPU parsing in millicores', () => {
  const table: [unknown, string | undefined][] = [
    // numbers are cores
    [2, '2000'], [0.5, '500'], [33, '33000'],
    // a trailing m: millicores; every m is stripped before the number is read
    ['250m', '250'], ['1.5m', '1.5'], ['32001m', '32001'], ['1m0m', '10'],
    // plain decimals are cores
    ['2', '2000'], ['0.5', '500'], ['32', '32000'],
    // anything else is unparseable
    ['1e3', undefined], ['1k', undefined], ['100u', undefined], ['100n', undefined], ['+1', undefined],
    ['.5', undefined], ['1.', undefined], [' 1', undefined], ['1 ', undefined], ['', undefined], ['m', undefined],
    ['-1', undefined], [true, undefined], [null, undefined],
  ];
  for (const [input, want] of table) assert.equal(show(azureCpuMillis(input)), want, `cpu ${JSON.stringify(input)}`);
});

test('quantity: Azure memory parsing in milli-bytes', () => {
  const table: [unknown, string | undefined][] = [
    [1024, '1024000'],
    ['1Ki', '1024000'], ['1Mi', String(2 ** 20 * 1000)], ['1Gi', '1073741824000'], ['64Gi', '68719476736000'],
    ['1Ti', String(2n ** 40n * 1000n)], ['1Pi', String(2n ** 50n * 1000n)], ['1Ei', String(2n ** 60n * 1000n)],
    ['1k', '1000000'], ['1M', '1000000000'], ['1G', '1000000000000'], ['1T', String(10n ** 15n)], ['1P', String(10n ** 18n)], ['1E', String(10n ** 21n)],
    ['1500m', '1500'], ['1.5Gi', '1610612736000'], ['68719476737', '68719476737000'],
    // only lower-case k, two-letter binary suffixes only, no exponents, signs or spaces
    ['1K', undefined], ['1KB', undefined], ['1Mb', undefined], ['1MiB', undefined], ['1n', undefined], ['1u', undefined],
    ['129e6', undefined], ['+1Gi', undefined], ['-1Gi', undefined], ['1 Gi', undefined], [' 1Gi', undefined], ['Gi', undefined],
  ];
  for (const [input, want] of table) assert.equal(show(azureMemoryMilliBytes(input)), want, `memory ${JSON.stringify(input)}`);
});

test('quantity: comparisons are exact', () => {
  const mem = (s: string) => azureMemoryMilliBytes(s)!;
  assert.equal(compare(mem('1Gi'), mem('1G')), 1);
  assert.equal(compare(mem('1000M'), mem('1Gi')), -1);
  assert.equal(compare(mem('250Mi'), mem('256M')), 1);
  assert.equal(compare(mem('64Gi'), mem('68719476736')), 0);
  assert.equal(compare(mem('68719476737'), mem('64Gi')), 1);
  const cpu = (s: unknown) => azureCpuMillis(s)!;
  assert.equal(compare(cpu('32'), cpu('32000m')), 0);
  assert.equal(compare(cpu('32.001'), cpu('32')), 1);
  assert.equal(compare(cpu('0.1'), cpu('100m')), 0);
  // 0.1 + 0.2 in floating point is not 0.3; exact decimals are
  assert.equal(compare(cpu('0.3'), cpu('300m')), 0);
});

test('quantity: the Kubernetes grammar (base units)', () => {
  const table: [unknown, string | undefined][] = [
    ['1Gi', '1073741824'], ['1G', '1000000000'], ['500m', '0.5'], ['1.5', '1.5'], ['.5', '0.5'], ['1.', '1'],
    ['+1', '1'], ['1e3', '1000'], ['1E3', '1000'], ['80e-3', '0.08'], ['3n', '0.000000003'], ['2u', '0.000002'],
    [1000, '1000'], [0.25, '0.25'],
    ['-1', undefined], ['1KB', undefined], ['1i', undefined], ['0.1mi', undefined], [' 1', undefined], ['1 ', undefined], ['', undefined],
  ];
  for (const [input, want] of table) assert.equal(show(k8sQuantity(input)), want, `k8s ${JSON.stringify(input)}`);
});
