import { describe, expect, test } from 'vitest';
import { diagnose } from '../../helpers.js';
import { pos, summary } from '../util.js';
import { journey } from './journey-text.js';

/**
 * §6: "One root cause gives one diagnostic: a rule that depends on an unresolved reference or an
 * invalid value stays silent." Each text here has exactly one mistake, and must give exactly one diagnostic.
 */
async function only(text: string) {
    return summary(await diagnose(text));
}

describe('an unresolved or wrong-kind `at` of a moment', () => {
    // Were `at` resolved to SupportTp, the moment would break kind, polarity, unaddressed and measured rules.
    const body = (at: string) => `  stage Support { category support
    touchpoint SupportTp { channel web  processes P  emotion 2 }
  }
  stage Later { category retention
    touchpoint LaterTp { channel web  processes P  emotion 0 }
  }
  moment Early { at ${at}  kind zero  polarity negative  impact low }
  moment Fine { at SupportTp }`;

    test('gives only unresolved-reference', async () => {
        const text = journey(body('SuportTp'));
        expect(await only(text)).toEqual([`${pos(text, 'SuportTp').line}:${pos(text, 'SuportTp').column} unresolved-reference: \`SuportTp\` is not declared; did you mean \`SupportTp\`?`]);
    });

    test('gives only wrong-kind', async () => {
        const text = journey(body('Support'));
        expect(await only(text)).toEqual([`${pos(text, 'at Support ').line}:${pos(text, 'at Support ').column + 3} wrong-kind: \`Support\` is a stage; \`at\` expects a touchpoint.`]);
    });

    test('(the same moment at the right touchpoint does break those rules)', async () => {
        const codes = (await diagnose(journey(body('SupportTp')))).map(d => d.code).sort();
        expect(codes).toEqual(['moment-kind-mismatch', 'negative-moment-unaddressed', 'polarity-emotion-mismatch']);
    });

    test('an unresolved `at` does not also give hidden-moment where the emotion falls', async () => {
        const text = journey(`  stage S { category usage
    touchpoint High { channel web  processes P  emotion 2 }
    touchpoint Low { channel web  processes P  emotion -2 }
  }
  moment Drop { at Lw }`);
        expect(await only(text)).toEqual([`${pos(text, 'Lw').line}:${pos(text, 'Lw').column} unresolved-reference: \`Lw\` is not declared; did you mean \`Low\`?`]);
        expect((await diagnose(text.replace('at Lw', 'at High'))).map(d => d.code)).toEqual(['hidden-moment']);
    });

    test('an `at` left without a name gives only the syntax error', async () => {
        const text = journey('  stage S { category usage  touchpoint T { channel web  processes P } }\n  moment M { at }');
        expect((await diagnose(text)).map(d => d.code)).toEqual(['syntax']);
    });
});

describe('an invalid value', () => {
    test('an out-of-range emotion does not also give hidden-moment or polarity-emotion-mismatch', async () => {
        const text = journey(`  stage S { category usage
    touchpoint High { channel web  processes P  emotion 2 }
    touchpoint Low { channel web  processes P  emotion -5 }
  }
  moment Up { at Low  polarity positive }`);
        expect(await only(text)).toEqual([`${pos(text, '-5').line}:${pos(text, '-5').column} value-out-of-range: \`emotion\` is \`-5\`, outside its range (a whole number from -2 to 2).`]);
    });

    test('an emotion of the wrong form gives only unit-mismatch', async () => {
        const text = journey(`  stage S { category usage
    touchpoint High { channel web  processes P  emotion 2 }
    touchpoint Low { channel web  processes P  emotion -2% }
  }
  moment Up { at Low  polarity positive }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unit-mismatch']);
    });

    test('a value of the wrong form does not also give kpi-off-target', async () => {
        for (const body of ['metric nps  current 97%  target >= 45', 'metric nps  current 30  target >= 45%', 'metric response-time  current 3  target <= 2h']) {
            const text = journey(`  objective O { kpi K { ${body} } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }`);
            expect((await diagnose(text)).map(d => d.code), body).toEqual(['unit-mismatch']);
        }
    });

    test('an out-of-range value does not also give kpi-off-target', async () => {
        const text = journey(`  objective O { kpi K { metric csat  current 120%  target <= 90% } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }`);
        // `<=` for csat is also a wrong direction: a second, independent mistake
        expect((await diagnose(text)).map(d => d.code).sort()).toEqual(['target-direction', 'value-out-of-range']);
    });

    test('an out-of-range percent is not also a fraction; a negative percent neither', async () => {
        const text = journey(`  objective O { kpi K { metric csat  current -0.5%  target >= 90% } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['value-out-of-range']);
    });

    test('a CLV that is not money (or has no valid currency) is left out of clv-tier-mismatch', async () => {
        for (const clv of ['100', '100 eur', '-100 EUR']) {
            const text = `customer Gold { value high  clv ${clv} }\ncustomer Silver { value medium  clv 500 EUR }\njourney J { customers Gold, Silver }`;
            const codes = (await diagnose(text)).map(d => d.code);
            expect(codes, clv).not.toContain('clv-tier-mismatch');
            expect(codes.filter(c => c === 'unit-mismatch' || c === 'value-out-of-range'), clv).toHaveLength(1);
        }
    });

    test('an impossible due date gives only value-out-of-range', async () => {
        const text = journey(`  objective O { kpi K { metric nps  current 50  target >= 45  due 2027-02-30 } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['value-out-of-range']);
    });
});

describe('other unresolved references', () => {
    test('an unresolved `source` does not also give personal-data-without-source or classification-breach', async () => {
        const text = `system Vault { approved public }
information Health { source Vaultt  classification sensitive }
process P { owner "x"  reads Health }
customer C
journey J { customers C  stage S { touchpoint T { channel web  processes P } }  moment M { at T } }`;
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('a misspelt reference does not also make its intended target unused', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P  systems Shopp } }
  moment M { at T }`, 'system Shop { type web }');
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('a misspelt objective in `supports` does not make the objective unused', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P, Q } }
  moment M { at T }`, 'objective Growth { kpi K { metric nps  target >= 1 } }\nprocess Q { owner "x"  supports Growht }');
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('a misspelt high-value customer is not also high-value-uncovered', async () => {
        const text = 'customer Vip { value high }\njourney J { customers Vipp  stage S { touchpoint T { channel web  processes P } }  moment M { at T } }\nprocess P { owner "x" }';
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('an unresolved `addresses` does not also give pain-unaddressed or negative-moment-unaddressed', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P } }
  moment Bad { at T  polarity negative }
  pain Hurts { at S  severity critical }
  opportunity Fix { addresses Hurst }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('an unresolved pain `at` does not also give negative-moment-unaddressed', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P } }
  moment Bad { at T  polarity negative }
  pain Hurts { at Tt }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('an unresolved `recovery` does not also give negative-moment-unaddressed', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P } }
  moment Bad { at T  polarity negative  recovery Pp }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('an unresolved `kpis` does not also give critical-moment-unmeasured', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P } }
  moment Big { at T  impact critical  kpis Nps }`);
        expect((await diagnose(text)).map(d => d.code)).toEqual(['unresolved-reference']);
    });

    test('an unresolved `customers` does not also give journey-without-customers', async () => {
        const text = journey(`  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T }`).replace('customers C', 'customers Cc');
        const codes = (await diagnose(text)).map(d => d.code);
        expect(codes).toEqual(['unresolved-reference']);
    });
});

describe('a wrong-kind reference silences only the rules whose answer it could change (v1.1)', () => {
    // It names an element of another kind, so it is known not to name one of the expected kind, except
    // for what that element is part of, holds or happens at (a stage's touchpoints, a moment's touchpoint).
    const codes = async (text: string) => (await diagnose(text)).map(d => d.code).sort();
    const system = 'system Oms { type erp }';
    const twoTouchpoints = `  stage S { category usage
    touchpoint T { channel web  processes P  systems Oms }
    touchpoint U { channel web  processes P }
  }`;

    test('a pain `at` a system is at no touchpoint: a negative moment with no other pain is still unaddressed', async () => {
        const text = journey(`${twoTouchpoints}
  moment Bad { at T  polarity negative }
  pain Lost { at Oms }`, system);
        expect(await codes(text)).toEqual(['negative-moment-unaddressed', 'wrong-kind']);
    });

    test('(near miss) a pain `at` a moment may be meant for the moment\'s touchpoint: silent there, not at another', async () => {
        const atMoment = journey(`${twoTouchpoints}
  moment Bad { at T  polarity negative }
  pain Lost { at Bad }`, system);
        expect(await codes(atMoment)).toEqual(['wrong-kind']);
        const elsewhere = journey(`${twoTouchpoints}
  moment Bad { at T  polarity negative }
  moment Fine { at U }
  pain Lost { at Fine }`, system);
        expect(await codes(elsewhere)).toEqual(['negative-moment-unaddressed', 'wrong-kind']);
    });

    test('a `recovery` that names a touchpoint is no recovery', async () => {
        const text = journey(`${twoTouchpoints}
  moment Bad { at T  polarity negative  recovery U }`, system);
        expect(await codes(text)).toEqual(['negative-moment-unaddressed', 'wrong-kind']);
    });

    test('an `addresses` that names a touchpoint may mean what happens there, and nothing else', async () => {
        const text = journey(`${twoTouchpoints}
  moment Bad { at T  polarity negative }
  pain Hurts { at U  severity high }
  opportunity Fix { addresses T }`, system);
        // Bad (at T) may be meant; Hurts (at U) may not.
        expect(await codes(text)).toEqual(['pain-unaddressed', 'wrong-kind']);
        const process = text.replace('addresses T', 'addresses P');
        expect(await codes(process)).toEqual(['negative-moment-unaddressed', 'pain-unaddressed', 'wrong-kind']);
    });

    test('(near miss) a moment `at` a stage may be meant for one of its touchpoints: hidden-moment stays silent there', async () => {
        const fall = (at: string) => journey(`  stage S { category usage
    touchpoint High { channel web  processes P  emotion 2 }
    touchpoint Low { channel web  processes P  emotion -2  systems Oms }
  }
  stage Later { category retention
    touchpoint Calm { channel web  processes P  emotion 1 }
  }
  moment Drop { at ${at} }`, system);
        expect(await codes(fall('S'))).toEqual(['wrong-kind']);
        // Another stage, or a system, cannot be Low's moment.
        expect(await codes(fall('Later'))).toEqual(['hidden-moment', 'wrong-kind']);
        expect(await codes(fall('Oms'))).toEqual(['hidden-moment', 'wrong-kind']);
    });

    test('an `improves` that names an objective may mean one of its KPIs; one that names a moment means none', async () => {
        const text = (improves: string) => journey(`  objective O { kpi K { metric nps  current 10  target >= 20 } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }
  opportunity Fix { addresses M  improves ${improves} }`);
        expect(await codes(text('O'))).toEqual(['kpi-off-target', 'wrong-kind']);
        expect(await codes(text('M'))).toEqual(['kpi-miss-unaddressed', 'kpi-off-target', 'wrong-kind']);
    });

    test('a `supports` that names a KPI may mean its objective (not unused); one that names a system means no objective', async () => {
        const text = (supports: string) => journey(`  stage S { category usage  touchpoint T { channel web  processes P, Q } }
  moment M { at T }`, `system Oms { type erp }\nobjective Growth { kpi Nps { metric nps  target >= 1 } }\nprocess Q { owner "x"  systems Oms  supports ${supports} }`);
        expect(await codes(text('Nps'))).toEqual(['wrong-kind']);
        expect(await codes(text('Oms'))).toEqual(['unused-declaration', 'wrong-kind']);
    });
});

describe('syntax errors', () => {
    test('a list property left without a name does not also count as missing', async () => {
        for (const [text, silent] of [
            ['customer C\njourney J { customers  stage S { touchpoint T { channel web  processes P } }  moment M { at T } }\nprocess P { owner "x" }', 'journey-without-customers'],
            [journey('  stage S { category usage  touchpoint T { channel web  processes P } }\n  moment M { at T  impact high  kpis }'), 'critical-moment-unmeasured'],
            [journey('  stage S { category usage  touchpoint T { channel web  processes P } }\n  moment M { at T }\n  opportunity O { addresses }'), 'opportunity-addresses-nothing'],
            [journey('  stage S { category usage  touchpoint T { channel web  processes } }\n  moment M { at T }'), 'touchpoint-without-process']
        ]) {
            const codes = (await diagnose(text)).map(d => d.code);
            expect(codes, text).toContain('syntax');
            expect(codes, text).not.toContain(silent);
        }
    });
});

describe('a valid value may break several rules: each reports', () => {
    test('a negative moment at a happy touchpoint of the wrong stage', async () => {
        const text = journey(`  stage Look { category awareness  touchpoint T { channel web  processes P  emotion 2 } }
  moment M { at T  kind ultimate  polarity negative }`);
        expect((await diagnose(text)).map(d => d.code).sort()).toEqual(['moment-kind-mismatch', 'negative-moment-unaddressed', 'polarity-emotion-mismatch']);
    });

    test('a fraction-looking percent that also misses its target', async () => {
        const text = journey(`  objective O { kpi K { metric csat  current 0.9%  target >= 90% } }
  stage S { category usage  touchpoint T { channel web  processes P } }
  moment M { at T  kpis K }`);
        // (and nothing improves it: kpi-miss-unaddressed, a third rule the same value breaks)
        expect((await diagnose(text)).map(d => d.code).sort()).toEqual(['kpi-miss-unaddressed', 'kpi-off-target', 'percent-looks-like-fraction']);
    });
});
