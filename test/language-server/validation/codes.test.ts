import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { CODES, SEVERITY } from '../../../language-server/validation/codes.js';

/** The table of §6 of the language reference: code and severity (E, W, I). */
const REFERENCE_TABLE: Record<string, 'E' | 'W' | 'I'> = {
    'syntax': 'E',
    'unresolved-reference': 'E',
    'wrong-kind': 'E',
    'duplicate-name': 'E',
    'duplicate-property': 'E',
    'value-out-of-range': 'E',
    'unit-mismatch': 'E',
    'moment-without-touchpoint': 'E',
    'classification-breach': 'E',
    'percent-looks-like-fraction': 'W',
    'shadowed-name': 'W',
    'journey-without-customers': 'W',
    'journey-without-stages': 'W',
    'journey-ends-at-purchase': 'W',
    'stage-order': 'W',
    'stage-without-touchpoints': 'W',
    'touchpoint-without-channel': 'W',
    'objective-without-kpi': 'W',
    'kpi-without-target': 'W',
    'target-direction': 'W',
    'process-without-owner': 'W',
    'personal-data-without-source': 'W',
    'sensitive-data-insecure-channel': 'W',
    'critical-moment-unmeasured': 'W',
    'negative-moment-unaddressed': 'W',
    'moment-kind-mismatch': 'W',
    'polarity-emotion-mismatch': 'W',
    'pain-unaddressed': 'W',
    'moment-customer-off-path': 'W',
    'touchpoint-customer-outside-journey': 'W',
    'kpi-overdue': 'W',
    'opportunity-addresses-nothing': 'W',
    'clv-tier-mismatch': 'W',
    'high-value-uncovered': 'W',
    'journey-without-moments': 'I',
    'too-many-moments': 'I',
    'touchpoint-without-process': 'I',
    'unused-declaration': 'I',
    'kpi-off-target': 'I',
    'kpi-miss-unaddressed': 'I',
    'hidden-moment': 'I'
};

/** §7: on a CSV file of actuals, and kpi-stale on the KPI. */
const ACTUALS_TABLE: Record<string, 'E' | 'W' | 'I'> = {
    'actuals-unknown-kpi': 'E',
    'actuals-bad-value': 'E',
    'actuals-bad-row': 'E',
    'actuals-duplicate': 'W',
    'kpi-stale': 'I'
};

/** design.md, second edition: the config file and the suppression comments. */
const CONFIG_TABLE: Record<string, 'E' | 'W' | 'I'> = {
    'invalid-config': 'E',
    'unused-suppression': 'I'
};

const SEVERITY_NAME = { E: 'error', W: 'warning', I: 'info' } as const;

describe('the diagnostic codes', () => {
    test('are exactly the 41 codes of §6 and the 5 of §7 (v1.1), and the 2 of the config file and suppressions, with their severities', () => {
        expect(Object.keys(REFERENCE_TABLE)).toHaveLength(41);
        expect(Object.keys(ACTUALS_TABLE)).toHaveLength(5);
        const all = { ...REFERENCE_TABLE, ...ACTUALS_TABLE, ...CONFIG_TABLE };
        expect([...CODES].sort()).toEqual(Object.keys(all).sort());
        for (const [code, severity] of Object.entries(all)) {
            expect(SEVERITY[code as keyof typeof SEVERITY], code).toBe(SEVERITY_NAME[severity]);
        }
    });

    test('each has its tests in this folder, or the actuals\' (a `describe` of its own or a `diag(…, code)` assertion)', () => {
        const sources = [new URL('./', import.meta.url), new URL('../actuals/', import.meta.url)].flatMap(dir => readdirSync(dir)
            .filter(f => f.endsWith('.test.ts') && f !== 'codes.test.ts')
            .map(f => readFileSync(new URL(f, dir), 'utf8'))).join('\n');
        const missing = Object.keys({ ...REFERENCE_TABLE, ...ACTUALS_TABLE, ...CONFIG_TABLE }).filter(code => {
            const asserted = new RegExp(`diag\\([^;]*'${code}'`).test(sources) || sources.includes(`describe('${code}'`);
            return !asserted;
        });
        expect(missing).toEqual([]);
    });
});
