import type { ValidationAcceptor, DiagnosticInfo, AstNode } from 'langium';

/** Every diagnostic code of the language reference (§6), and of the config file and suppressions, with its severity. */
export const SEVERITY = {
    'syntax': 'error',
    'unresolved-reference': 'error',
    'wrong-kind': 'error',
    'duplicate-name': 'error',
    'duplicate-property': 'error',
    'value-out-of-range': 'error',
    'unit-mismatch': 'error',
    'moment-without-touchpoint': 'error',
    'classification-breach': 'error',
    'percent-looks-like-fraction': 'warning',
    'shadowed-name': 'warning',
    'journey-without-customers': 'warning',
    'journey-without-stages': 'warning',
    'journey-ends-at-purchase': 'warning',
    'stage-order': 'warning',
    'stage-without-touchpoints': 'warning',
    'touchpoint-without-channel': 'warning',
    'objective-without-kpi': 'warning',
    'kpi-without-target': 'warning',
    'target-direction': 'warning',
    'process-without-owner': 'warning',
    'personal-data-without-source': 'warning',
    'sensitive-data-insecure-channel': 'warning',
    'critical-moment-unmeasured': 'warning',
    'negative-moment-unaddressed': 'warning',
    'moment-kind-mismatch': 'warning',
    'polarity-emotion-mismatch': 'warning',
    'pain-unaddressed': 'warning',
    'moment-customer-off-path': 'warning',
    'touchpoint-customer-outside-journey': 'warning',
    'kpi-overdue': 'warning',
    'opportunity-addresses-nothing': 'warning',
    'clv-tier-mismatch': 'warning',
    'high-value-uncovered': 'warning',
    'journey-without-moments': 'info',
    'too-many-moments': 'info',
    'touchpoint-without-process': 'info',
    'unused-declaration': 'info',
    'kpi-off-target': 'info',
    'kpi-miss-unaddressed': 'info',
    'hidden-moment': 'info',
    // Language §7: on a CSV file of KPI actuals (and `kpi-stale` on the KPI).
    'actuals-unknown-kpi': 'error',
    'actuals-bad-value': 'error',
    'actuals-bad-row': 'error',
    'actuals-duplicate': 'warning',
    'kpi-stale': 'info',
    // Not about the model: about its config file and the suppression comments (design.md, second edition).
    'invalid-config': 'error',
    'unused-suppression': 'info'
} as const;

export type Code = keyof typeof SEVERITY;
export const CODES = Object.keys(SEVERITY) as Code[];

/** Extra facts a quick fix needs, carried in the diagnostic's `data`. */
export interface CopisDiagnosticData {
    code: Code;
    [key: string]: unknown;
}

/** Reports `code` with the severity the reference gives it, so no rule can get it wrong. */
export function report<N extends AstNode>(
    accept: ValidationAcceptor,
    code: Code,
    message: string,
    info: Omit<DiagnosticInfo<N>, 'code'>,
    data: Record<string, unknown> = {}
): void {
    accept(SEVERITY[code], message, { ...info, code, data: { code, ...data } } as DiagnosticInfo<N>);
}
