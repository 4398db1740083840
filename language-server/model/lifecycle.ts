/** Stage categories in lifecycle order (§3); categories on one rank are interchangeable. */
export const CATEGORY_RANK: Record<string, number> = {
    'awareness': 0,
    'consideration': 1,
    'purchase': 2,
    'delivery': 3,
    'onboarding': 3,
    'usage': 4,
    'support': 4,
    'post-purchase': 4,
    'retention': 5,
    'advocacy': 6
};

/** Where each kind of moment of truth belongs (§3). */
export const MOMENT_KIND_CATEGORIES: Record<string, readonly string[]> = {
    zero: ['awareness', 'consideration'],
    first: ['consideration', 'purchase'],
    actual: ['purchase', 'delivery'],
    second: ['delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention'],
    third: ['usage', 'support', 'post-purchase', 'retention', 'advocacy'],
    ultimate: ['usage', 'support', 'post-purchase', 'retention', 'advocacy']
};

export const MOMENT_KIND_LABEL: Record<string, string> = {
    zero: 'ZMOT', first: 'FMOT', actual: 'AMOT', second: 'SMOT', third: 'TMOT', ultimate: 'UMOT'
};

export const TIER_RANK: Record<string, number> = { low: 0, medium: 1, high: 2 };

export const CLASSIFICATION_RANK: Record<string, number> = {
    public: 0, internal: 1, confidential: 2, personal: 3, sensitive: 4
};

export const INSECURE_CHANNELS: ReadonlySet<string> = new Set(['email', 'sms', 'social', 'mail']);
