import { CompletionItemKind } from 'vscode-languageserver';
import { CATEGORY_RANK, MOMENT_KIND_CATEGORIES, MOMENT_KIND_LABEL } from '../../model/lifecycle.js';
import { METRICS } from '../../model/metrics.js';
import { EFFORT_WEIGHT, IMPACT_WEIGHT } from '../../model/value-at-stake.js';

/**
 * What completion says about each property (keyed by the property's grammar rule, so that
 * the two `at`s, of a moment and of a pain, stay apart). `takes` is the completion detail
 * after the key ("channel web/mobile/…"); `doc` its documentation (§3 of the language reference).
 */
export interface PropertyInfo {
    takes: string;
    doc: string;
    /** A list property: it is written once and extended with commas, so completion does not offer it again. */
    list?: boolean;
    /** Its value is picked from a list (enum values or references): completion opens again after the key. */
    picks?: boolean;
}

export const PROPERTIES: Record<string, PropertyInfo> = {
    SegmentProp: { takes: '"text"', doc: 'The customer segment, in words.' },
    TierProp: { takes: 'high/medium/low', doc: 'The customer\'s lifetime-value tier.', picks: true },
    ClvProp: { takes: 'money (1450 EUR)', doc: 'Customer lifetime value: a number and an ISO 4217 currency code.' },
    NeedsProp: { takes: '"text", …', doc: 'What the customer needs, as a comma-separated list of strings.', list: true },
    CountProp: { takes: 'number (12000)', doc: 'How many customers the segment holds: a whole number. With `clv`, it is what the value at risk of a moment of truth is made of.' },
    SystemTypeProp: { takes: 'web/app/crm/…', doc: 'What kind of system this is.', picks: true },
    OwnerProp: { takes: '"text"', doc: 'Who is accountable (a team or a role).' },
    ApprovedProp: {
        takes: 'public/internal/…',
        doc: 'The most sensitive data classification the system is cleared to hold. Information with a `source` here may not be more sensitive.',
        picks: true
    },
    SourceProp: { takes: '→ system', doc: 'The system of record for this information.', picks: true },
    ClassificationProp: { takes: 'public/internal/…', doc: 'How sensitive the information is: public < internal < confidential < personal < sensitive.', picks: true },
    ForProp: { takes: '→ customer, …', doc: 'The customers this objective is for.', list: true, picks: true },
    MetricProp: { takes: 'nps/csat/ces/…', doc: 'What the KPI measures; it decides the form and range of `current` and `target`.', picks: true },
    CurrentProp: { takes: 'value', doc: 'The KPI\'s current value, in the form its metric expects (number, percent, duration or money).' },
    TargetProp: { takes: '>=/<=/= value', doc: 'The value the KPI should reach. Without a comparator, the metric\'s better direction is meant.', picks: true },
    DueProp: { takes: 'date (YYYY-MM-DD)', doc: 'When the target should be reached.' },
    UnitProp: { takes: '"text"', doc: 'The unit of a `custom` metric.' },
    BetterProp: {
        takes: 'higher/lower',
        doc: 'Which way the KPI gets better. Sets the direction of a `count` or `custom` metric (they have none of their own), and overrides the metric\'s for any other (a count of complaints is better lower).',
        picks: true
    },
    LaneProp: { takes: 'frontstage/backstage/support', doc: 'Where the process runs: seen by the customer (frontstage), behind the line of visibility (backstage), or supporting (support).', picks: true },
    SystemsProp: { takes: '→ system, …', doc: 'The systems used.', list: true, picks: true },
    ReadsProp: { takes: '→ information, …', doc: 'The information the process reads.', list: true, picks: true },
    WritesProp: { takes: '→ information, …', doc: 'The information the process writes.', list: true, picks: true },
    SupportsProp: { takes: '→ objective, …', doc: 'The objectives this process serves.', list: true, picks: true },
    StepsProp: { takes: '"text", …', doc: 'The process steps, in order.', list: true },
    SlaProp: { takes: 'duration (48h)', doc: 'Service level: how long the process may take (`45s`, `30m`, `4h`, `2d`, `1w`).' },
    CustomersProp: { takes: '→ customer, …', doc: 'The customers who travel this part of the journey.', list: true, picks: true },
    CategoryProp: { takes: 'awareness/consideration/…', doc: 'Where the stage sits in the customer lifecycle; stages should follow the lifecycle order.', picks: true },
    ChannelProp: { takes: 'web/mobile/…', doc: 'How the customer meets the business here.', picks: true },
    ProcessesProp: { takes: '→ process, …', doc: 'The processes that deliver this touchpoint.', list: true, picks: true },
    InfoRefsProp: { takes: '→ information, …', doc: 'The information shown or collected here.', list: true, picks: true },
    EmotionProp: { takes: '-2..2', doc: 'How the customer feels here, from -2 (very bad) to 2 (very good).' },
    ReachProp: { takes: 'percent (40%)', doc: 'The share of its customers who pass this touchpoint, 0% to 100% (default 100%). It scales the value at risk of the moments of truth here.' },
    AtProp: { takes: '→ touchpoint', doc: 'The touchpoint where this moment of truth happens (required).', picks: true },
    KindProp: { takes: 'zero/first/actual/…', doc: 'Which moment of truth: zero (research), first (choice), actual (order to receipt), second (use), third and ultimate (telling others).', picks: true },
    PolarityProp: { takes: 'positive/negative/mixed', doc: 'Whether the moment wins or loses the customer.', picks: true },
    ImpactProp: { takes: 'low/medium/high/critical', doc: 'How much the moment matters.', picks: true },
    KpisProp: { takes: '→ kpi, …', doc: 'The KPIs that measure this moment.', list: true, picks: true },
    RecoveryProp: { takes: '→ process', doc: 'The process that recovers the customer when the moment goes wrong.', picks: true },
    PainAtProp: { takes: '→ touchpoint or stage', doc: 'Where the pain is felt.', picks: true },
    SeverityProp: { takes: 'low/medium/high/critical', doc: 'How much the pain hurts.', picks: true },
    AddressesProp: { takes: '→ pain or moment, …', doc: 'The pains and moments of truth this opportunity addresses.', list: true, picks: true },
    ImprovesProp: { takes: '→ kpi, …', doc: 'The KPIs this opportunity should improve.', list: true, picks: true },
    EffortProp: { takes: 'low/medium/high', doc: 'How much work the opportunity is: low (weight 1), medium (2) or high (4). Its priority is its value × confidence ÷ this weight.', picks: true },
    ConfidenceProp: { takes: 'percent (70%)', doc: 'How sure you are that the opportunity delivers its value, 0% to 100% (default 50%).' },
    StatusProp: { takes: 'idea/planned/doing/done', doc: 'Where the opportunity stands. Done ones are listed apart from the ranking.', picks: true }
};

/** The declarations, keyed by grammar rule: their keyword, and what completion says about it. */
export const DECLARATIONS: Record<string, { keyword: string; article: string; doc: string }> = {
    Customer: { keyword: 'customer', article: 'a customer', doc: 'Who travels the journey: a persona or segment.' },
    System: { keyword: 'system', article: 'a system', doc: 'A tool the journey runs on.' },
    Information: { keyword: 'information', article: 'information', doc: 'Data the journey uses, with its system of record and classification.' },
    Objective: { keyword: 'objective', article: 'an objective', doc: 'What the business wants from the journey, measured by KPIs.' },
    Kpi: { keyword: 'kpi', article: 'a KPI', doc: 'A measure of an objective: metric, current value and target.' },
    Process: { keyword: 'process', article: 'a process', doc: 'How the journey is delivered: owner, lane, systems, information.' },
    Journey: { keyword: 'journey', article: 'a journey', doc: 'A customer journey: its customers, stages, touchpoints and moments of truth.' },
    Stage: { keyword: 'stage', article: 'a stage', doc: 'A step of the journey, in order; its category places it in the customer lifecycle.' },
    Touchpoint: { keyword: 'touchpoint', article: 'a touchpoint', doc: 'Where the customer meets the business, on a channel.' },
    Moment: { keyword: 'moment', article: 'a moment of truth', doc: 'A moment of truth: where the journey is won or lost, at a touchpoint.' },
    Pain: { keyword: 'pain', article: 'a pain', doc: 'Where the customer suffers, at a touchpoint or stage.' },
    Opportunity: { keyword: 'opportunity', article: 'an opportunity', doc: 'An improvement that addresses pains and moments of truth.' }
};

/** The enumerations of the grammar (datatype rules whose alternatives are keywords). */
export const ENUM_RULES: ReadonlySet<string> = new Set([
    'Tier', 'SystemType', 'Classification', 'Metric', 'Lane', 'Category', 'Channel', 'MomentKind', 'Polarity', 'Impact', 'Direction',
    'Effort', 'OpportunityStatus'
]);

const LANES: Record<string, string> = {
    frontstage: 'seen by the customer',
    backstage: 'behind the line of visibility',
    support: 'supporting processes'
};

const CLASSIFICATIONS: Record<string, string> = {
    public: 'least sensitive',
    internal: 'inside the company',
    confidential: 'business secrets',
    personal: 'personal data',
    sensitive: 'most sensitive (special categories)'
};

/** The completion detail of an enum value. */
export function enumDetail(rule: string, value: string): string {
    switch (rule) {
        case 'Tier': return 'CLV tier';
        case 'SystemType': return 'system type';
        case 'Classification': return `classification · ${CLASSIFICATIONS[value] ?? ''}`;
        case 'Metric': {
            const m = METRICS[value];
            if (!m) return 'metric';
            const better = m.direction ? `${m.direction} is better` : 'better as `better` says';
            return `${m.form} · ${m.describeRange} · ${better}`;
        }
        case 'Lane': return `lane · ${LANES[value] ?? ''}`;
        case 'Category': return `stage category · lifecycle step ${(CATEGORY_RANK[value] ?? 0) + 1}`;
        case 'Channel': return value === 'in-person' ? 'channel · face to face: branch, clinic, home or engineer visit' : 'channel';
        case 'Direction': return value === 'higher' ? 'better when higher' : 'better when lower';
        case 'MomentKind': return `${MOMENT_KIND_LABEL[value] ?? value} · ${(MOMENT_KIND_CATEGORIES[value] ?? []).join(', ')}`;
        case 'Polarity': return 'polarity';
        case 'Impact': return `level ${['low', 'medium', 'high', 'critical'].indexOf(value) + 1} of 4 · weight ${IMPACT_WEIGHT[value] ?? '?'}`;
        case 'Effort': return `effort · weight ${EFFORT_WEIGHT[value] ?? '?'}`;
        case 'OpportunityStatus': return value === 'done' ? 'status · listed apart from the ranking' : 'status';
        default: return rule;
    }
}

export const COMPARATORS: Record<string, string> = {
    '>=': 'at least',
    '<=': 'at most',
    '=': 'exactly'
};

/** Completion icons per declaration kind, in line with the symbol kinds of the outline. */
export const ITEM_KINDS: Record<string, CompletionItemKind> = {
    Journey: CompletionItemKind.Module,
    Customer: CompletionItemKind.Class,
    System: CompletionItemKind.Interface,
    Information: CompletionItemKind.Struct,
    Objective: CompletionItemKind.Value,
    Kpi: CompletionItemKind.Unit,
    Process: CompletionItemKind.Function,
    Stage: CompletionItemKind.Folder,
    Touchpoint: CompletionItemKind.Method,
    Moment: CompletionItemKind.Event,
    Pain: CompletionItemKind.Field,
    Opportunity: CompletionItemKind.Constant
};
