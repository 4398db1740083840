/**
 * Snippets for new declarations (LSP snippet syntax: `$1`, `${1:placeholder}`, `${1|a,b|}`).
 * Reference tab stops are left empty, so that completion can fill them; tabs are re-indented
 * by the editor.
 */
export interface Snippet {
    label: string;
    detail: string;
    body: string;
}

/** The values of an enumeration of the grammar, for `${n|a,b,c|}` choices. */
export type EnumValues = (rule: string) => readonly string[];

const choice = (n: number, values: readonly string[]) => `\${${n}|${values.join(',')}|}`;

/** The snippets that start a declaration of the grammar rule `rule`. */
export function declarationSnippets(rule: string, values: EnumValues): Snippet[] {
    const s = (keyword: string, detail: string, ...lines: string[]): Snippet =>
        ({ label: keyword, detail, body: [`${keyword} \${1:Name} "\${2:Title}" {`, ...lines.map(l => `\t${l}`), '}'].join('\n') });
    switch (rule) {
        case 'Customer':
            return [s('customer', 'New customer', 'segment "${3:Segment}"', `value ${choice(4, values('Tier'))}`, 'needs "${5:Need}"')];
        case 'System':
            return [s('system', 'New system', `type ${choice(3, values('SystemType'))}`, 'owner "${4:Owner}"')];
        case 'Information':
            return [s('information', 'New information', 'source $3', 'owner "${4:Owner}"', `classification ${choice(5, values('Classification'))}`)];
        case 'Objective':
            return [s('objective', 'New objective with a KPI', 'for $3',
                `kpi \${4:Kpi} "\${5:Title}" { metric ${choice(6, values('Metric'))}  current \${7:0}  target >= \${8:0} }`)];
        case 'Kpi':
            return [s('kpi', 'New KPI', `metric ${choice(3, values('Metric'))}`, 'current ${4:0}', 'target >= ${5:0}')];
        case 'Process':
            return [s('process', 'New process', 'owner "${3:Owner}"', `lane ${choice(4, values('Lane'))}`, 'systems $5')];
        case 'Journey':
            return [s('journey', 'New journey', 'customers $3', '$0'), classicJourney(values)];
        case 'Stage':
            return [s('stage', 'New stage', `category ${choice(3, values('Category'))}`, '$0')];
        case 'Touchpoint':
            return [s('touchpoint', 'New touchpoint', `channel ${choice(3, values('Channel'))}`, 'processes $4', 'emotion ${5:0}')];
        case 'Moment':
            return [s('moment', 'New moment of truth', 'at $3', `kind ${choice(4, values('MomentKind'))}`,
                `polarity ${choice(5, values('Polarity'))}`, `impact ${choice(6, values('Impact'))}`)];
        case 'Pain':
            return [s('pain', 'New pain', 'at $3', `severity ${choice(4, values('Impact'))}`)];
        case 'Opportunity':
            return [s('opportunity', 'New opportunity', 'addresses $3', 'owner "${4:Owner}"')];
        default:
            return [];
    }
}

/** A whole journey with the four classic stages, each with a touchpoint. */
function classicJourney(values: EnumValues): Snippet {
    const channels = values('Channel');
    let n = 4;
    const stage = (name: string, title: string, category: string, touchpoint: string, touchpointTitle: string, channel: string) => {
        const ordered = [channel, ...channels.filter(c => c !== channel)];
        const lines = [
            `\tstage ${name} "${title}" {`,
            `\t\tcategory ${category}`,
            `\t\ttouchpoint \${${n}:${touchpoint}} "\${${n + 1}:${touchpointTitle}}" { channel ${choice(n + 2, ordered)}  emotion \${${n + 3}:0} }`,
            '\t}'
        ];
        n += 4;
        return lines;
    };
    const body = [
        'journey ${1:Name} "${2:Title}" {',
        '\tcustomers $3',
        '',
        ...stage('Awareness', 'Awareness', 'awareness', 'Ad', 'Advert', 'social'),
        ...stage('Consideration', 'Consideration', 'consideration', 'ProductPage', 'Product page', 'web'),
        ...stage('Purchase', 'Purchase', 'purchase', 'Checkout', 'Checkout', 'web'),
        ...stage('PostPurchase', 'Post-purchase', 'post-purchase', 'FollowUp', 'Follow-up', 'email'),
        '}'
    ];
    return { label: 'journey (four stages)', detail: 'New journey: awareness, consideration, purchase, post-purchase', body: body.join('\n') };
}
