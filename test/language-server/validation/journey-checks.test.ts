import { describe, expect, test } from 'vitest';
import { diagnose } from '../../helpers.js';
import { diag, pos, summary } from '../util.js';
import { journey } from './journey-text.js';

/** A stage with one touchpoint named after it (`<Name>Tp`). */
function stage(name: string, category?: string, touchpoint = ''): string {
    return `  stage ${name} {${category ? ` category ${category}` : ''}
    touchpoint ${name}Tp { channel web  processes P ${touchpoint} }
  }`;
}

describe('journey-ends-at-purchase', () => {
    test('a journey with a purchase stage and nothing later, on the journey name', async () => {
        const text = journey([stage('Look', 'consideration'), stage('Buy', 'purchase'), '  moment M { at BuyTp }'].join('\n'));
        expect(await diag(text, 'journey-ends-at-purchase')).toMatchObject([
            { ...pos(text, 'J {'), severity: 'warning', message: expect.stringContaining('`J`') }
        ]);
    });

    test('not when a stage of a later category exists', async () => {
        for (const later of ['delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy']) {
            const text = journey([stage('Buy', 'purchase'), stage('After', later), '  moment M { at BuyTp }'].join('\n'));
            expect(await diag(text, 'journey-ends-at-purchase'), later).toEqual([]);
        }
    });

    test('not when the journey has no purchase stage', async () => {
        const text = journey([stage('Look', 'awareness'), stage('Think', 'consideration'), '  moment M { at LookTp }'].join('\n'));
        expect(await diag(text, 'journey-ends-at-purchase')).toEqual([]);
    });
});

describe('stage-order', () => {
    test('a stage whose category comes earlier than that of a stage before it: reported on the later stage\'s category', async () => {
        const text = journey([stage('Buy', 'purchase'), stage('Look', 'awareness'), stage('Use', 'usage'), '  moment M { at BuyTp }'].join('\n'));
        const found = await diag(text, 'stage-order');
        expect(found).toMatchObject([{ ...pos(text, 'awareness'), severity: 'warning' }]);
        expect(found[0].message).toContain('`Look`');
        expect(found[0].message).toContain('`Buy`');
    });

    test('compares with the latest category so far, not just the stage before', async () => {
        const text = journey([stage('Use', 'usage'), stage('Plain'), stage('Buy', 'purchase'), '  moment M { at UseTp }'].join('\n'));
        expect(await diag(text, 'stage-order')).toMatchObject([{ ...pos(text, 'purchase'), severity: 'warning', message: expect.stringContaining('`Use`') }]);
    });

    test('not for delivery then onboarding, nor onboarding then delivery (same rank)', async () => {
        for (const [a, b] of [['delivery', 'onboarding'], ['onboarding', 'delivery'], ['usage', 'support'], ['support', 'post-purchase'], ['post-purchase', 'usage']]) {
            const text = journey([stage('A', a), stage('B', b), '  moment M { at ATp }'].join('\n'));
            expect(await diag(text, 'stage-order'), `${a} then ${b}`).toEqual([]);
        }
    });

    test('not for the full lifecycle in order, nor around a stage without category', async () => {
        const categories = ['awareness', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy'];
        const text = journey([...categories.map((c, i) => stage(`S${i}`, c)), stage('NoCategory'), '  moment M { at S0Tp }'].join('\n'));
        expect(await diag(text, 'stage-order')).toEqual([]);
        const around = journey([stage('A', 'purchase'), stage('Plain'), stage('B', 'delivery'), '  moment M { at ATp }'].join('\n'));
        expect(await diag(around, 'stage-order')).toEqual([]);
    });
});

describe('journey-without-moments', () => {
    test('a journey with stages and no moment of truth, on its name', async () => {
        const text = journey(stage('Use', 'usage'));
        expect(await diag(text, 'journey-without-moments')).toMatchObject([{ ...pos(text, 'J {'), severity: 'information', message: expect.stringContaining('`J`') }]);
    });

    test('not when it has a moment, nor when it has no stage', async () => {
        expect(await diag(journey([stage('Use', 'usage'), '  moment M { at UseTp }'].join('\n')), 'journey-without-moments')).toEqual([]);
        expect(await diag(journey(''), 'journey-without-moments')).toEqual([]);
    });
});

describe('too-many-moments', () => {
    const four = [stage('A', 'usage'), stage('B', 'usage'), stage('Cc', 'usage'), stage('D', 'usage')].join('\n');

    test('4 touchpoints, 3 of them hosting a moment: on the journey name', async () => {
        const text = journey([four, '  moment M1 { at ATp }', '  moment M2 { at BTp }', '  moment M3 { at CcTp }'].join('\n'));
        expect(await diag(text, 'too-many-moments')).toMatchObject([
            { ...pos(text, 'J {'), severity: 'information', message: expect.stringContaining('3 of its 4') }
        ]);
    });

    test('not when only half host one (several moments at one touchpoint count once)', async () => {
        const text = journey([four, '  moment M1 { at ATp }', '  moment M2 { at BTp }', '  moment M3 { at BTp }'].join('\n'));
        expect(await diag(text, 'too-many-moments')).toEqual([]);
    });

    test('not with 3 touchpoints, even if all host a moment', async () => {
        const text = journey([stage('A', 'usage'), stage('B', 'usage'), stage('Cc', 'usage'), '  moment M1 { at ATp }', '  moment M2 { at BTp }', '  moment M3 { at CcTp }'].join('\n'));
        expect(await diag(text, 'too-many-moments')).toEqual([]);
    });
});

describe('moment-kind-mismatch', () => {
    const belongs: Record<string, string[]> = {
        zero: ['awareness', 'consideration'],
        first: ['consideration', 'purchase'],
        actual: ['purchase', 'delivery'],
        second: ['delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention'],
        third: ['usage', 'support', 'post-purchase', 'retention', 'advocacy'],
        ultimate: ['usage', 'support', 'post-purchase', 'retention', 'advocacy']
    };
    const categories = ['awareness', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'post-purchase', 'retention', 'advocacy'];

    test('a zero moment at a support stage: reported on the moment\'s kind', async () => {
        const text = journey([stage('Help', 'support'), '  moment Early { at HelpTp  kind zero }'].join('\n'));
        const found = await diag(text, 'moment-kind-mismatch');
        expect(found).toMatchObject([{ ...pos(text, 'zero'), severity: 'warning' }]);
        expect(found[0].message).toContain('`Early`');
        expect(found[0].message).toContain('support');
        // The stages it belongs in, as a sentence says them.
        expect(found[0].message).toContain('belongs in awareness or consideration, but');
    });

    test('every kind against every category, as §3 says', async () => {
        // One journey per kind: a stage of every category, a moment of that kind at each.
        for (const [kind, allowed] of Object.entries(belongs)) {
            const body = [
                ...categories.map((c, i) => stage(`S${i}`, c)),
                ...categories.map((_, i) => `  moment M${i} { at S${i}Tp  kind ${kind} }`)
            ].join('\n');
            const text = journey(body);
            const found = (await diag(text, 'moment-kind-mismatch')).map(d => d.line);
            const expected = categories.map((c, i) => allowed.includes(c) ? undefined : pos(text, `moment M${i} `).line).filter(l => l !== undefined);
            expect(found, kind).toEqual(expected);
        }
    });

    test('not for a stage without category', async () => {
        const text = journey([stage('Plain'), '  moment M { at PlainTp  kind ultimate }'].join('\n'));
        expect(await diag(text, 'moment-kind-mismatch')).toEqual([]);
    });

    test('not for a moment without kind', async () => {
        const text = journey([stage('Look', 'awareness'), '  moment M { at LookTp }'].join('\n'));
        expect(await diag(text, 'moment-kind-mismatch')).toEqual([]);
    });
});

describe('polarity-emotion-mismatch', () => {
    test('a positive moment at a touchpoint with emotion below 0: on the moment\'s polarity', async () => {
        const text = journey([stage('Use', 'usage', 'emotion -1'), '  moment Happy { at UseTp  polarity positive }'].join('\n'));
        const found = await diag(text, 'polarity-emotion-mismatch');
        expect(found).toMatchObject([{ ...pos(text, 'positive'), severity: 'warning', message: expect.stringContaining('`Happy`') }]);
        expect(found[0].message).toContain('-1');
    });

    test('a negative moment at a touchpoint with emotion above 0', async () => {
        const text = journey([stage('Use', 'usage', 'emotion 2'), '  pain X { at UseTp }', '  moment Sad { at UseTp  polarity negative }'].join('\n'));
        expect(await diag(text, 'polarity-emotion-mismatch')).toMatchObject([{ ...pos(text, 'negative'), severity: 'warning' }]);
    });

    test('not for emotion 0, a mixed moment, a touchpoint without emotion, or a matching one', async () => {
        for (const [emotion, polarity] of [['emotion 0', 'positive'], ['emotion 0', 'negative'], ['emotion -2', 'mixed'], ['emotion 2', 'mixed'], ['', 'negative'], ['', 'positive'], ['emotion 1', 'positive'], ['emotion -1', 'negative']]) {
            const text = journey([stage('Use', 'usage', emotion), '  pain X { at UseTp }', `  moment M { at UseTp  polarity ${polarity} }`].join('\n'));
            expect(await diag(text, 'polarity-emotion-mismatch'), `${emotion} ${polarity}`).toEqual([]);
        }
    });
});

describe('negative-moment-unaddressed', () => {
    test('a negative moment with no recovery, no opportunity and no pain at its touchpoint: on its name', async () => {
        const text = journey([stage('Use', 'usage'), '  moment Bad { at UseTp  polarity negative }'].join('\n'));
        expect(await diag(text, 'negative-moment-unaddressed')).toMatchObject([
            { ...pos(text, 'Bad'), severity: 'warning', message: expect.stringContaining('`Bad`') }
        ]);
    });

    test('a pain elsewhere does not count', async () => {
        const text = journey([stage('Use', 'usage'), stage('Other', 'support'), '  pain X { at OtherTp }', '  moment Bad { at UseTp  polarity negative }'].join('\n'));
        expect(await diag(text, 'negative-moment-unaddressed')).toHaveLength(1);
    });

    test('not with a recovery, an opportunity addressing it, or a pain at its touchpoint', async () => {
        for (const fix of ['  moment Bad { at UseTp  polarity negative  recovery P }',
            '  moment Bad { at UseTp  polarity negative }\n  opportunity Fix { addresses Bad }',
            '  moment Bad { at UseTp  polarity negative }\n  pain Hurts { at UseTp }']) {
            const text = journey([stage('Use', 'usage'), fix].join('\n'));
            expect(await diag(text, 'negative-moment-unaddressed'), fix).toEqual([]);
        }
    });

    test('not for a positive or mixed moment', async () => {
        for (const polarity of ['positive', 'mixed']) {
            const text = journey([stage('Use', 'usage'), `  moment M { at UseTp  polarity ${polarity} }`].join('\n'));
            expect(await diag(text, 'negative-moment-unaddressed')).toEqual([]);
        }
    });
});

describe('hidden-moment', () => {
    test('emotion falls by 3 between consecutive touchpoints across stages: on the lower touchpoint\'s emotion', async () => {
        const text = journey([stage('High', 'purchase', 'emotion 2'), stage('Low', 'delivery', 'emotion -1'), '  moment M { at HighTp }'].join('\n'));
        const found = await diag(text, 'hidden-moment');
        expect(found).toMatchObject([{ ...pos(text, '-1'), severity: 'information', message: expect.stringContaining('`LowTp`') }]);
        expect(found[0].message).toContain('`HighTp`');
    });

    test('within one stage too, and for a fall of 4', async () => {
        const text = journey(`  stage S { category usage
    touchpoint A { channel web  processes P  emotion 2 }
    touchpoint B { channel web  processes P  emotion -2 }
  }
  moment M { at A }`);
        expect(await diag(text, 'hidden-moment')).toMatchObject([{ ...pos(text, '-2'), severity: 'information' }]);
    });

    test('not for a fall of 2', async () => {
        const text = journey([stage('High', 'purchase', 'emotion 2'), stage('Low', 'delivery', 'emotion 0'), '  moment M { at HighTp }'].join('\n'));
        expect(await diag(text, 'hidden-moment')).toEqual([]);
    });

    test('not when a moment is at the lower touchpoint', async () => {
        const text = journey([stage('High', 'purchase', 'emotion 2'), stage('Low', 'delivery', 'emotion -1'), '  pain X { at LowTp }', '  moment M { at LowTp  polarity negative }'].join('\n'));
        expect(await diag(text, 'hidden-moment')).toEqual([]);
    });

    test('not for a rise', async () => {
        const text = journey([stage('Low', 'purchase', 'emotion -2'), stage('High', 'delivery', 'emotion 2'), '  moment M { at HighTp }'].join('\n'));
        expect(await diag(text, 'hidden-moment')).toEqual([]);
    });
});

describe('sensitive-data-insecure-channel', () => {
    const info = `system Vault { approved sensitive }
information Health { source Vault  classification sensitive }
information Address { source Vault  classification personal }`;

    for (const channel of ['email', 'sms', 'social', 'mail']) {
        test(`sensitive information at a touchpoint on ${channel}: on the reference`, async () => {
            const text = journey(`  stage S { category usage
    touchpoint T { channel ${channel}  processes P  information Address, Health }
  }
  moment M { at T }`, info);
            const found = await diag(text, 'sensitive-data-insecure-channel');
            expect(found).toMatchObject([{ ...pos(text, 'Health }'), severity: 'warning', message: expect.stringContaining('`Health`') }]);
            expect(found[0].message).toContain(channel);
        });
    }

    test('not on a secure channel, nor for personal information', async () => {
        // in-person (v1.1): a consultation room is no insecure channel
        for (const [channel, data] of [['web', 'Health'], ['phone', 'Health'], ['store', 'Health'], ['in-person', 'Health'], ['email', 'Address']]) {
            const text = journey(`  stage S { category usage
    touchpoint T { channel ${channel}  processes P  information ${data} }
  }
  moment M { at T }`, info);
            expect(await diag(text, 'sensitive-data-insecure-channel'), `${channel} ${data}`).toEqual([]);
        }
    });
});

describe('pain-unaddressed', () => {
    for (const severity of ['high', 'critical']) {
        test(`a ${severity} pain that no opportunity addresses: on its name`, async () => {
            const text = journey([stage('Use', 'usage'), '  moment M { at UseTp }', `  pain Hurts { at UseTp  severity ${severity} }`].join('\n'));
            expect(await diag(text, 'pain-unaddressed')).toMatchObject([
                { ...pos(text, 'Hurts'), severity: 'warning', message: expect.stringContaining('`Hurts`') }
            ]);
        });
    }

    test('not when an opportunity addresses it', async () => {
        const text = journey([stage('Use', 'usage'), '  moment M { at UseTp }', '  pain Hurts { at UseTp  severity critical }', '  opportunity Fix { addresses Hurts }'].join('\n'));
        expect(await diag(text, 'pain-unaddressed')).toEqual([]);
    });

    test('not for a low or medium pain, nor one without severity', async () => {
        for (const severity of ['severity low', 'severity medium', '']) {
            const text = journey([stage('Use', 'usage'), '  moment M { at UseTp }', `  pain Hurts { at UseTp  ${severity} }`].join('\n'));
            expect(await diag(text, 'pain-unaddressed'), severity).toEqual([]);
        }
    });
});

test('the journeys these tests build are otherwise clean', async () => {
    const text = journey([stage('Buy', 'purchase', 'emotion 1'), stage('Use', 'usage', 'emotion 0'), '  moment M { at BuyTp  kind first  polarity positive  impact low }'].join('\n'));
    expect(summary(await diagnose(text))).toEqual([]);
});

describe('hidden-moment along each customer\'s path (v1.1)', () => {
    /** Customers A and B; `P` delivers everything. */
    function twoCustomers(body: string): string {
        return `customer A
customer B
process P { owner "Team" }
journey J {
  customers A, B
${body}
}
`;
    }

    test('not between touchpoints of different customers: `ForA` at 2 and `ForB` at -1 are on two paths', async () => {
        const text = twoCustomers(`  stage S { category usage
    touchpoint ForA { channel web  customers A  processes P  emotion 2 }
    touchpoint ForB { channel web  customers B  processes P  emotion -1 }
  }
  moment M { at ForA }`);
        expect(await diag(text, 'hidden-moment')).toEqual([]);
    });

    test('along one path, past another customer\'s touchpoint in between: names the path', async () => {
        const text = twoCustomers(`  stage S { category usage
    touchpoint A1 { channel web  customers A  processes P  emotion 2 }
    touchpoint B1 { channel web  customers B  processes P  emotion 2 }
    touchpoint A2 { channel web  customers A  processes P  emotion -1 }
  }
  moment M { at B1 }`);
        const found = await diag(text, 'hidden-moment');
        expect(found).toMatchObject([{ ...pos(text, '-1'), severity: 'information' }]);
        expect(found[0].message).toBe('Emotion falls from 2 at `A1` to -1 at `A2` on the path of `A` with no moment of truth there; is this one? Add a `moment` at `A2`.');
    });

    test('a touchpoint both customers pass is on both paths; reported once where both paths fall', async () => {
        const text = twoCustomers(`  stage S { category usage
    touchpoint A1 { channel web  customers A  processes P  emotion 2 }
    touchpoint B1 { channel web  customers B  processes P  emotion 1 }
    touchpoint Both { channel web  processes P  emotion -2 }
  }
  moment M { at A1 }`);
        const found = await diag(text, 'hidden-moment');
        expect(found).toMatchObject([{ ...pos(text, '-2'), severity: 'information' }]);
        expect(found[0].message).toContain('from 2 at `A1` to -2 at `Both` on the path of `A`');
    });

    test('a journey that names no customers is one path', async () => {
        const text = `process P { owner "Team" }
journey J {
  stage S { category usage
    touchpoint High { channel web  processes P  emotion 2 }
    touchpoint Low { channel web  processes P  emotion -1 }
  }
  moment M { at High }
}`;
        expect(await diag(text, 'hidden-moment')).toMatchObject([{ ...pos(text, '-1'), message: expect.stringContaining('from 2 at `High` to -1 at `Low` with') }]);
    });

    test('silent while a touchpoint\'s customer does not resolve (it may put the touchpoint on the path)', async () => {
        const text = twoCustomers(`  stage S { category usage
    touchpoint ForA { channel web  customers A  processes P  emotion 2 }
    touchpoint Other { channel web  customers Bb  processes P  emotion -1 }
  }
  moment M { at ForA }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });
});

describe('a journey checked again after an edit elsewhere', () => {
    const info = (classification: string) => `information Card "Card number" { classification ${classification} }\n`;
    const journeys = `journey A {
  customers C
  stage S { category usage
    touchpoint Mail { channel email  processes P  information Card  emotion 2 }
    touchpoint Drop { channel web  processes P  emotion -1 }
  }
  moment M { at Mail }
}

journey B {
  customers C
  stage T { category usage
    touchpoint Web { channel web  processes P }
  }
  moment N { at Web  polarity negative }
}
`;
    const shared = 'customer C\nprocess P { owner "Team" }\n';

    async function editable() {
        const { editableLspServices } = await import('../lsp/lsp-workspace.js');
        const { URI } = await import('langium');
        const files = { 'journeys.copis': journeys, 'shared.copis': shared, 'info.copis': info('internal') };
        const { shared: services, texts } = editableLspServices(files);
        const docs = await Promise.all(Object.keys(files).map(f => services.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(`file:///ws/${f}`))));
        await services.workspace.DocumentBuilder.build(docs, { validation: true });
        const edit = async (name: string, text: string) => {
            texts.set(`file:///ws/${name}`, text);
            await services.workspace.DocumentBuilder.update([URI.parse(`file:///ws/${name}`)], []);
        };
        const codes = () => docs[0].diagnostics!.map(d => `${d.range.start.line}:${String(d.code)}`).sort();
        return { edit, codes };
    }

    test('the same verdicts as a fresh check, at the positions of the edited text', async () => {
        const ws = await editable();
        const fresh = async (files: Record<string, string>) => (await diagnose(files['journeys.copis'], { 'shared.copis': files['shared.copis'], 'info.copis': files['info.copis'] }))
            .map(d => `${d.range.start.line}:${String(d.code)}`).sort();
        // B (below A) changes: A keeps its node and its verdicts, B is re-parsed and checked.
        const b = journeys.replace('polarity negative', 'polarity negative\n\n  ');
        await ws.edit('journeys.copis', b);
        expect(ws.codes()).toEqual(await fresh({ 'journeys.copis': b, 'shared.copis': shared, 'info.copis': info('internal') }));
        expect(ws.codes()).toContain('14:negative-moment-unaddressed');
        // Lines added above A: its verdicts move with it.
        const moved = '\n\n' + b;
        await ws.edit('journeys.copis', moved);
        expect(ws.codes()).toEqual(await fresh({ 'journeys.copis': moved, 'shared.copis': shared, 'info.copis': info('internal') }));
        // The information A shows by email becomes sensitive, in another file: A is checked anew.
        await ws.edit('info.copis', info('sensitive'));
        const now = await fresh({ 'journeys.copis': moved, 'shared.copis': shared, 'info.copis': info('sensitive') });
        expect(now).toContain('5:sensitive-data-insecure-channel');
        expect(ws.codes()).toEqual(now);
    });
});
