import { describe, expect, test } from 'vitest';
import { buildJourneyModel } from '../../../language-server/model/build-model.js';
import type { JourneyModel } from '../../../language-server/model/journey-model.js';
import { addMoney, formatCompactNumber, formatMoney, formatMoneyCompact, formatNumber } from '../../../language-server/model/money.js';
import { customerAtRisk, momentsAtRisk, rankOpportunities, valueAtStakeOf } from '../../../language-server/model/value-at-stake.js';
import { journeyOf, parse } from '../util.js';

/**
 * Every figure below is worked out by hand (language §7): value at risk = Σ count × clv × reach,
 * exposure the same over a pain's touchpoint (or its stage's touchpoints, each customer once at
 * their highest reach), value = Σ at risk × weight, priority = value × confidence ÷ effort weight.
 */
const SHOP = `
customer Shopper { value high  clv 1450 EUR  count 12000 }
customer Gifter { value medium  clv 300 EUR  count 3000 }
customer Pro { clv 2000 USD  count 500 }
customer Anon { clv 100 EUR }
customer Free { count 70 }
journey Shop {
  customers Shopper, Gifter, Pro, Anon
  stage Buy { category purchase
    touchpoint Checkout { channel web  reach 40% }
  }
  stage Support { category support
    touchpoint Returns { channel chat  customers Shopper, Gifter  reach 10% }
    touchpoint Phone { channel phone  customers Shopper  reach 20% }
    touchpoint Chat { channel chat  customers Pro }
  }
  moment Abandon { at Checkout  polarity negative  impact high }
  moment ReturnFight { at Returns  polarity mixed  impact critical }
  moment Happy { at Chat  polarity positive  impact low }
  moment NoImpact { at Phone  polarity negative }
  moment Vague { at Phone  impact high }
  moment Nowhere { polarity negative  impact low }
  pain SlowRefund { at Returns  severity high }
  pain SupportMess { at Support  severity medium }
  pain Unrated { at Chat }
  opportunity A { addresses Abandon, SlowRefund  effort medium  confidence 80% }
  opportunity B { addresses ReturnFight, Happy  effort low }
  opportunity C { addresses SupportMess  effort high  confidence 100% }
  opportunity D { addresses Abandon }
  opportunity E { addresses Abandon  effort low  status done }
  opportunity F { addresses NoImpact, Vague, Unrated  effort low }
}
`;

async function shop(text = SHOP): Promise<JourneyModel> {
    const { model } = await parse(text);
    return buildJourneyModel(journeyOf(model)).model;
}

const eur = (amount: number) => ({ currency: 'EUR', amount });
const usd = (amount: number) => ({ currency: 'USD', amount });

function byName<T extends { name: string }>(items: T[], name: string): T {
    const found = items.find(i => i.name === name);
    if (!found) throw new Error(`no ${name}`);
    return found;
}

describe('value at risk of a moment of truth', () => {
    test('Σ count × clv × reach of its touchpoint, per currency; a customer without count is listed, not guessed', async () => {
        const abandon = byName((await shop()).moments, 'Abandon').valueAtRisk!;
        // Shopper 12000 × 1450 × 40% = 6,960,000 EUR; Gifter 3000 × 300 × 40% = 360,000 EUR; Pro 500 × 2000 × 40% = 400,000 USD
        expect(abandon.total).toEqual([eur(7_320_000), usd(400_000)]);
        expect(abandon.terms).toEqual([
            { customer: 'Shopper', count: 12000, clv: eur(1450), reach: 40, touchpoint: 'Shop.Checkout', amount: eur(6_960_000) },
            { customer: 'Gifter', count: 3000, clv: eur(300), reach: 40, touchpoint: 'Shop.Checkout', amount: eur(360_000) },
            { customer: 'Pro', count: 500, clv: usd(2000), reach: 40, touchpoint: 'Shop.Checkout', amount: usd(400_000) }
        ]);
        expect(abandon.unknown).toEqual([{ element: 'Anon', missing: 'count', reason: expect.stringContaining('`Anon` has no `count`') }]);
    });

    test('mixed moments have one too; positive ones and those without polarity have none', async () => {
        const model = await shop();
        // 12000 × 1450 × 10% + 3000 × 300 × 10%
        expect(byName(model.moments, 'ReturnFight').valueAtRisk!.total).toEqual([eur(1_830_000)]);
        expect(byName(model.moments, 'Happy').valueAtRisk).toBeUndefined();
        expect(byName(model.moments, 'Vague').valueAtRisk).toBeUndefined();
    });

    test('a touchpoint without reach is passed by all its customers (100%)', async () => {
        const text = SHOP.replace('touchpoint Checkout { channel web  reach 40% }', 'touchpoint Checkout { channel web }');
        expect(byName((await shop(text)).moments, 'Abandon').valueAtRisk!.total).toEqual([eur(18_300_000), usd(1_000_000)]);
    });

    test('a moment without a touchpoint has no figure, and says why', async () => {
        expect(byName((await shop()).moments, 'Nowhere').valueAtRisk).toEqual({
            total: [], terms: [], unknown: [{ element: 'Shop.Nowhere', missing: 'at', reason: expect.stringContaining('no touchpoint') }]
        });
    });

    test('a customer missing both count and clv is listed twice; no known term leaves an empty total', async () => {
        const text = SHOP.replace('customers Shopper, Gifter, Pro, Anon', 'customers Anon, Free, Bare').replace('customer Free', 'customer Bare\ncustomer Free');
        const abandon = byName((await shop(text)).moments, 'Abandon').valueAtRisk!;
        expect(abandon.total).toEqual([]);
        expect(abandon.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count', 'Free:clv', 'Bare:count', 'Bare:clv']);
    });
});

describe('exposure of a pain', () => {
    test('at a touchpoint: the same sum over its customers', async () => {
        expect(byName((await shop()).pains, 'SlowRefund').exposure!.total).toEqual([eur(1_830_000)]);
    });

    test('at a stage: each customer of its touchpoints once, at the highest reach among them', async () => {
        const mess = byName((await shop()).pains, 'SupportMess').exposure!;
        // Shopper at Phone's 20% (not Returns' 10%): 3,480,000; Gifter at Returns' 10%: 90,000; Pro at Chat's 100%: 1,000,000 USD
        expect(mess.terms.map(t => [t.customer, t.reach, t.touchpoint, t.amount])).toEqual([
            ['Shopper', 20, 'Shop.Phone', eur(3_480_000)],
            ['Gifter', 10, 'Shop.Returns', eur(90_000)],
            ['Pro', 100, 'Shop.Chat', usd(1_000_000)]
        ]);
        expect(mess.total).toEqual([eur(3_570_000), usd(1_000_000)]);
    });

    test('a pain at no touchpoint or stage has no figure, and says why', async () => {
        const text = SHOP.replace('pain Unrated { at Chat }', 'pain Unrated { severity low }');
        expect(byName((await shop(text)).pains, 'Unrated').exposure).toMatchObject({ total: [], unknown: [{ missing: 'at' }] });
    });
});

describe('opportunity value and priority', () => {
    test('value = Σ value at risk × impact weight + Σ exposure × severity weight; priority = value × confidence ÷ effort weight', async () => {
        const a = byName((await shop()).opportunities, 'A').value!;
        expect(a.terms).toEqual([
            { addresses: 'Shop.Abandon', of: 'moment', atRisk: [eur(7_320_000), usd(400_000)], level: 'high', weight: 0.75, value: [eur(5_490_000), usd(300_000)] },
            { addresses: 'Shop.SlowRefund', of: 'pain', atRisk: [eur(1_830_000)], level: 'high', weight: 0.75, value: [eur(1_372_500)] }
        ]);
        expect(a.value).toEqual([eur(6_862_500), usd(300_000)]);
        expect(a.atRisk).toEqual([eur(9_150_000), usd(400_000)]);
        expect(a.confidence).toBe(80);
        expect(a.effortWeight).toBe(2);
        // 6,862,500 × 80% ÷ 2; 300,000 × 80% ÷ 2
        expect(a.priority).toEqual([eur(2_745_000), usd(120_000)]);
        // What the moment's figure leaves out, the opportunity's does too.
        expect(a.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count']);
    });

    test('confidence defaults to 50%; a positive moment adds nothing and is not missing anything', async () => {
        const b = byName((await shop()).opportunities, 'B').value!;
        expect(b.terms.map(t => t.addresses)).toEqual(['Shop.ReturnFight']);
        expect(b.value).toEqual([eur(1_830_000)]);
        expect(b.confidence).toBe(50);
        expect(b.priority).toEqual([eur(915_000)]);
        expect(b.unknown).toEqual([]);
    });

    test('without effort there is no priority, and the effort is listed as unknown', async () => {
        const d = byName((await shop()).opportunities, 'D').value!;
        expect(d.value).toEqual([eur(5_490_000), usd(300_000)]);
        expect(d.priority).toBeUndefined();
        expect(d.rank).toBeUndefined();
        expect(d.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count', 'Shop.D:effort']);
    });

    test('a moment without impact or polarity, a pain without severity: their part is left out and listed', async () => {
        const f = byName((await shop()).opportunities, 'F').value!;
        expect(f.terms).toEqual([]);
        expect(f.value).toEqual([]);
        expect(f.priority).toEqual([]);
        expect(f.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Shop.NoImpact:impact', 'Shop.Vague:polarity', 'Shop.Unrated:severity']);
    });

    test('ranked per currency, highest priority first; done ones and those without priority are not ranked', async () => {
        const model = await shop();
        const rank = (name: string) => byName(model.opportunities, name).value!.rank;
        // EUR: A 2,745,000 > B 915,000 > C 446,250 (3,570,000 × 50% × 100% ÷ 4); F has no EUR value. USD: C 125,000 > A 120,000.
        expect(rank('A')).toEqual([{ currency: 'EUR', rank: 1, of: 3 }, { currency: 'USD', rank: 2, of: 2 }]);
        expect(rank('B')).toEqual([{ currency: 'EUR', rank: 2, of: 3 }]);
        expect(rank('C')).toEqual([{ currency: 'EUR', rank: 3, of: 3 }, { currency: 'USD', rank: 1, of: 2 }]);
        expect(byName(model.opportunities, 'C').value!.priority).toEqual([eur(446_250), usd(125_000)]);
        expect(rank('D')).toBeUndefined();
        expect(rank('E')).toBeUndefined();
        // 5,490,000 EUR × 50% ÷ 1 and 300,000 USD × 50% ÷ 1: computed, just not ranked
        expect(byName(model.opportunities, 'E').value!.priority).toEqual([eur(2_745_000), usd(150_000)]);
    });

    test('ties keep the order they are given in', () => {
        const value = { value: [eur(10)], atRisk: [eur(10)], terms: [], confidence: 50, effortWeight: 1, priority: [eur(5)], unknown: [] };
        const ranks = rankOpportunities([{ key: 'x', value, done: false }, { key: 'y', value, done: false }]);
        expect(ranks.get('x')).toEqual([{ currency: 'EUR', rank: 1, of: 2 }]);
        expect(ranks.get('y')).toEqual([{ currency: 'EUR', rank: 2, of: 2 }]);
    });
});

describe('a customer\'s value at risk', () => {
    test('its share of every negative or mixed moment, across journeys', async () => {
        const model = await shop();
        const shopper = customerAtRisk('Shopper', [model]);
        // Abandon 6,960,000 + ReturnFight 1,740,000 (12000 × 1450 × 10%) + NoImpact 3,480,000 (at Phone, 20%)
        expect(shopper.total).toEqual([eur(12_180_000)]);
        expect(shopper.terms.map(t => [t.moment, t.term.amount])).toEqual([
            ['Shop.Abandon', eur(6_960_000)], ['Shop.ReturnFight', eur(1_740_000)], ['Shop.NoImpact', eur(3_480_000)]
        ]);
        expect(customerAtRisk('Anon', [model]).total).toEqual([]);
    });

    test('what its share leaves out: its own missing count or clv, and moments on its path without a touchpoint; once each', async () => {
        const model = await shop();
        // Nowhere has no touchpoint: it is on every journey customer's path, and no share of it is known.
        expect(customerAtRisk('Shopper', [model]).unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Shop.Nowhere:at']);
        // Anon (no count) is at Checkout (Abandon) and on Nowhere's path; Gifter's missing input is not Anon's.
        expect(customerAtRisk('Anon', [model]).unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count', 'Shop.Nowhere:at']);
        // Pro passes Checkout and Chat (Happy is positive): nothing of theirs is missing but Nowhere's touchpoint.
        expect(customerAtRisk('Pro', [model])).toMatchObject({ total: [usd(400_000)], unknown: [{ element: 'Shop.Nowhere', missing: 'at' }] });
        // Two journeys: the shares add up per currency, the missing inputs are listed once.
        const twice = customerAtRisk('Anon', [model, await shop(SHOP.replace('journey Shop', 'journey Again'))]);
        expect(twice.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count', 'Shop.Nowhere:at', 'Again.Nowhere:at']);
        expect(customerAtRisk('Shopper', [model, await shop(SHOP.replace('journey Shop', 'journey Again'))]).total).toEqual([eur(24_360_000)]);
    });
});

describe('what a set of moments puts at risk (a portfolio cell, a journey)', () => {
    test('the sum of their value at risk per currency, how many put value at risk, how many have none known, and what is missing, once', async () => {
        const model = await shop();
        const at = (stage: string) => model.moments.filter(m => m.stage === `Shop.${stage}`);
        // Buy: Abandon alone, 7,320,000 EUR and 400,000 USD; Anon has no count.
        expect(momentsAtRisk(at('Buy'))).toEqual({ total: [eur(7_320_000), usd(400_000)], moments: 1, noneKnown: 0, unknown: [{ element: 'Anon', missing: 'count', reason: expect.any(String) }] });
        // Support: ReturnFight 1,830,000 + NoImpact 3,480,000 (Shopper at Phone, 20%); Happy is positive, Vague has no polarity.
        expect(momentsAtRisk(at('Support'))).toEqual({ total: [eur(5_310_000)], moments: 2, noneKnown: 0, unknown: [] });
        // The whole journey: those three and Nowhere, whose figure is unknown (no touchpoint).
        const all = momentsAtRisk(model.moments);
        expect(all.total).toEqual([eur(12_630_000), usd(400_000)]);
        expect(all).toMatchObject({ moments: 4, noneKnown: 1 });
        expect(all.unknown.map(u => `${u.element}:${u.missing}`)).toEqual(['Anon:count', 'Shop.Nowhere:at']);
        // Positive moments only: nothing at risk, nothing missing.
        expect(momentsAtRisk(model.moments.filter(m => m.polarity === 'positive'))).toEqual({ total: [], moments: 0, noneKnown: 0, unknown: [] });
    });
});

describe('the figures are computed from the model alone', () => {
    test('valueAtStakeOf gives what the built model holds', async () => {
        const model = await shop();
        const again = valueAtStakeOf(model);
        expect(again.moments.get('Shop.Abandon')).toEqual(byName(model.moments, 'Abandon').valueAtRisk);
        expect(again.opportunities.get('Shop.C')).toEqual(byName(model.opportunities, 'C').value);
    });
});

describe('money', () => {
    test('amounts add up per currency, in cents, and never across currencies', () => {
        expect(addMoney([eur(0.1), usd(1)], [eur(0.2), { currency: 'CHF', amount: 3 }])).toEqual([{ currency: 'CHF', amount: 3 }, eur(0.3), usd(1)]);
    });

    test('formatted with thousands grouped and at most two decimals', () => {
        expect(formatNumber(54000)).toBe('54,000');
        expect(formatNumber(1234567.891)).toBe('1,234,567.89');
        expect(formatNumber(-1500.5)).toBe('-1,500.5');
        expect(formatNumber(12)).toBe('12');
        expect(formatMoney([eur(54000), usd(1200)])).toBe('54,000 EUR + 1,200 USD');
        expect(formatMoney([])).toBe('0');
    });

    test('at a glance: three figures at most from 10,000 up, with k, M, B', () => {
        expect(formatCompactNumber(9_500)).toBe('9,500');
        expect(formatCompactNumber(12_000)).toBe('12k');
        expect(formatCompactNumber(150_000)).toBe('150k');
        expect(formatCompactNumber(43_701_000)).toBe('43.7M');
        expect(formatCompactNumber(5_724_000)).toBe('5.7M');
        expect(formatCompactNumber(999_950)).toBe('1M');
        expect(formatCompactNumber(999_400)).toBe('999k');
        expect(formatCompactNumber(2_500_000_000)).toBe('2.5B');
        expect(formatCompactNumber(-82_603_500)).toBe('-82.6M');
        expect(formatMoneyCompact([eur(160_000), usd(12_000)])).toBe('160k EUR + 12k USD');
        expect(formatMoneyCompact([])).toBe('0');
    });
});
