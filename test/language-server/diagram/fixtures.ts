/** A small journey with every kind of element the journey view draws, in known places. */
export const SHOP = `
customer Shopper "Shopper" { value high }
customer Gifter "Gift buyer"
system Web "Web shop" { type web }
system Oms "Order management" { type erp  owner "IT" }
system Crm "CRM" { type crm }
information Order "Order record" { source Oms  classification personal }
information Profile "Customer profile" { source Crm }

/** Buying a present online. */
journey Shop "Shop online" {
  customers Shopper, Gifter

  objective Fast "Deliver fast" {
    for Shopper
    kpi OnTime "On-time delivery" { metric percent  current 91%  target >= 97% }
    kpi Nps "Delivery NPS" { metric nps  current 50  target >= 45 }
    kpi Csat "Satisfaction" { metric csat }
  }
  objective Loyal "Keep gift buyers" { for Gifter  kpi Repeat { metric retention  current 40%  target >= 30% } }

  process Pay "Take payment" { owner "Payments"  lane frontstage  systems Web  writes Order  supports Fast }
  process Ship "Ship the parcel" { owner "Warehouse"  lane backstage  systems Oms  reads Order  supports Fast }
  process Notify "Send notifications" { owner "CRM team"  lane support  systems Crm  reads Order, Profile }
  process Audit "Audit the books" { owner "Finance"  lane backstage }

  stage Discover "Discover" { category awareness
    touchpoint Ad "Social ad" { channel social  emotion 1 }
  }
  stage Buy "Buy" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes Pay  information Order  emotion -1 }
    touchpoint Confirm "Confirmation" { channel email  processes Notify  emotion 0 }
  }
  stage Receive "Receive" { category delivery
    touchpoint Door "At the door" { channel partner  processes Ship, Notify  emotion 2 }
    touchpoint GiftNote "Gift note" { channel mail  customers Gifter }
  }
  stage Later "Come back" { category retention }

  moment PayMoment "Pay or leave" { at Checkout  kind first  polarity mixed  impact high  kpis OnTime }
  moment Arrives "It arrives" { at Door  kind actual  polarity positive  impact critical  kpis OnTime }
  moment GiftMoment "Gift opened" { at GiftNote  kind second  polarity negative  impact low }

  pain Fees "Hidden fees" { at Checkout  severity high }
  pain Slow "Slow delivery" { at Receive  severity medium }
  opportunity ShowFees "Show fees early" { addresses Fees, PayMoment  improves OnTime }
}
`;

/** A generated journey of `stages` × `perStage` touchpoints with long titles, moments, pains and processes. */
/**
 * A journey that names KPIs of objectives it does not own: `Other.Nps` (a moment's kpis, of another journey's
 * objective) and `Repeat` (an opportunity's improves, of a shared objective no process of the journey supports).
 * It is met by `Other.Nps` and missed by `Repeat`; `Other.Unnamed` is never named here. `T` is in person.
 */
export const REFERENCING = `
customer A "Patient"
customer B "Carer"
objective Shared "Shared loyalty" { for B  kpi Repeat "Repeat rate" { metric percent  current 30%  target >= 40%  owner "CRM team" } }
journey Other {
  objective Theirs "Their goal" {
    kpi Nps "Their NPS" { metric nps  current 50  target >= 40 }
    kpi Unnamed "Not named here" { metric nps  current 1  target >= 2 }
  }
}
journey J "Visit" {
  customers A
  objective Own "Own goal" { kpi Csat "Own CSAT" { metric csat  current 90%  target >= 85%  owner "Care team" } }
  stage S { touchpoint T "Front desk" { channel in-person  emotion 1 } }
  moment M { at T  kind actual  kpis Csat, Other.Nps }
  opportunity O { improves Repeat }
}
`;

export function generatedJourney(stages: number, perStage: number): string {
    const lines: string[] = [];
    lines.push('customer A "Customer A"', 'customer B "Customer B"', 'system Sys1 "Core platform"', 'system Sys2 "Mail platform"',
        'information Info1 "Customer record with a very long title that needs wrapping" { source Sys1 }');
    lines.push('journey Big "A long journey with many touchpoints" {', '  customers A, B');
    lines.push('  objective Obj "An objective" { for A  kpi K1 { metric nps  current 10  target >= 20 } }');
    const lanes = ['frontstage', 'backstage', 'support'];
    for (let p = 0; p < 12; p++) {
        lines.push(`  process P${p} "Process number ${p} with a rather long descriptive title" { owner "Team ${p}"  lane ${lanes[p % 3]}  systems Sys${1 + (p % 2)}  reads Info1 }`);
    }
    let n = 0;
    for (let s = 0; s < stages; s++) {
        lines.push(`  stage S${s} "Stage ${s}: a stage with a title long enough to wrap over lines" {`);
        for (let t = 0; t < perStage; t++, n++) {
            const emotion = [(n * 7) % 5 - 2][0];
            const processes = [`P${n % 12}`, ...(n % 3 === 0 ? [`P${(n + 5) % 12}`] : [])].join(', ');
            const customers = n % 4 === 3 ? '  customers B' : '';
            lines.push(`    touchpoint T${n} "Touchpoint ${n} — Supercalifragilisticexpialidocious-extraordinarily-long-word and more words to wrap" { channel ${['web', 'email', 'phone', 'store', 'chat'][n % 5]}  processes ${processes}  emotion ${emotion}${customers} }`);
        }
        lines.push('  }');
    }
    for (let m = 0; m < n; m += 3) {
        lines.push(`  moment M${m} "Moment at touchpoint ${m} with a long title to wrap" { at T${m}  kind second  polarity ${['positive', 'negative', 'mixed'][m % 3]}  impact ${['low', 'medium', 'high', 'critical'][m % 4]} }`);
    }
    for (let p = 0; p < n; p += 4) {
        lines.push(`  pain Pain${p} "Pain at ${p}" { at T${p}  severity high }`);
        lines.push(`  opportunity Opp${p} "Fix pain ${p}" { addresses Pain${p} }`);
    }
    lines.push('  pain StagePain "Pain across the first stage" { at S0 }');
    lines.push('}');
    return lines.join('\n');
}

/**
 * A realistic big journey as a service designer would model one: `touchpoints` touchpoints over
 * 10 stages in lifecycle order, 22 processes over the three blueprint lanes, 16 systems, 14
 * information items, three personas, moments with KPIs and recovery, pains and opportunities.
 * Each touchpoint uses one or two processes; `busy`: two or three (the review's journey, where
 * every column has several connectors to route).
 */
export function bigJourney(touchpoints = 40, { busy = false }: { busy?: boolean } = {}): string {
    const categories = ['awareness', 'consideration', 'consideration', 'purchase', 'delivery', 'onboarding', 'usage', 'support', 'retention', 'advocacy'];
    const stageNames = ['Discover', 'Compare', 'Try', 'Buy', 'Deliver', 'Set up', 'Use', 'Get help', 'Renew', 'Recommend'];
    const channels = ['web', 'mobile', 'email', 'phone', 'chat', 'social', 'store', 'mail', 'sms', 'video', 'partner'];
    const systemTypes = ['web', 'app', 'crm', 'erp', 'ticketing', 'payment', 'messaging', 'analytics', 'data', 'other'];
    const lanes = ['frontstage', 'backstage', 'support'];
    const out: string[] = [
        'customer Family "Busy family" { segment "Households"  value high  clv 2400 EUR }',
        'customer Student "Student on a budget" { segment "Students"  value low  clv 300 EUR }',
        'customer Business "Small business owner" { segment "SMB"  value medium  clv 1200 EUR }'
    ];
    for (let s = 0; s < 16; s++) out.push(`system Sys${s} "${['Storefront', 'Mobile app', 'CRM', 'ERP', 'Help desk', 'Payments', 'Messaging hub', 'Analytics', 'Data lake', 'Warehouse system', 'Courier portal', 'Identity', 'Billing', 'Knowledge base', 'Survey tool', 'Partner API'][s]}" { type ${systemTypes[s % systemTypes.length]}  owner "IT team ${s % 4}" }`);
    for (let i = 0; i < 14; i++) out.push(`information Info${i} "${['Customer profile', 'Order', 'Payment details', 'Delivery address', 'Ticket', 'Invoice', 'Consent', 'Product catalogue', 'Stock level', 'Contract', 'Usage data', 'Survey answers', 'Referral code', 'Return label'][i]}" { source Sys${(i * 3) % 16}  classification ${['internal', 'personal', 'confidential', 'public'][i % 4]} }`);
    out.push('journey Big "From first ad to recommendation: the whole customer lifecycle" {', '  customers Family, Student, Business');
    out.push('  objective Grow "Grow the share of families" { for Family',
        '    kpi Conv "Conversion" { metric conversion  current 2.1%  target >= 3% }',
        '    kpi Nps "NPS" { metric nps  current 41  target >= 35 }', '  }');
    out.push('  objective Serve "Serve fast" {',
        '    kpi Fcr "First-contact resolution" { metric first-contact-resolution  current 71%  target >= 80% }',
        '    kpi Resp "Response time" { metric response-time  current 4h  target <= 2h }', '  }');
    out.push('  objective Keep "Keep customers" { for Business',
        '    kpi Churn "Churn" { metric churn  current 4%  target <= 5% }',
        '    kpi Csat "Satisfaction" { metric csat }', '  }');
    const processTitles = ['Show the offer', 'Answer questions', 'Quote a price', 'Take the order', 'Take payment', 'Check fraud', 'Pick and pack', 'Ship the parcel',
        'Book the courier', 'Install on site', 'Welcome the customer', 'Train the customer', 'Resolve the ticket', 'Escalate to experts', 'Refund',
        'Bill monthly', 'Renew the contract', 'Measure satisfaction', 'Run the referral scheme', 'Keep the catalogue', 'Monitor the platform', 'Audit the books'];
    for (let p = 0; p < 22; p++) {
        const systems = [`Sys${p % 16}`, ...(p % 3 === 0 ? [`Sys${(p + 7) % 16}`] : [])].join(', ');
        out.push(`  process P${p} "${processTitles[p]}" { owner "Team ${p % 5}"  lane ${lanes[p % 3]}  systems ${systems}  reads Info${p % 14}${p % 4 === 0 ? `  writes Info${(p + 5) % 14}` : ''}  supports ${['Grow', 'Serve', 'Keep'][p % 3]} }`);
    }
    const perStage = Math.ceil(touchpoints / 10);
    let n = 0;
    for (let s = 0; s < 10; s++) {
        out.push(`  stage St${s} "${stageNames[s]}" { category ${categories[s]}`);
        for (let t = 0; t < perStage && n < touchpoints; t++, n++) {
            const processes = (busy ? [`P${(n * 5) % 22}`, `P${(n * 5 + 11) % 22}`, ...(n % 2 === 0 ? [`P${(n * 5 + 7) % 22}`] : [])]
                : [`P${(n * 5) % 22}`, ...(n % 2 === 0 ? [`P${(n * 5 + 11) % 22}`] : [])]).join(', ');
            const extra = [n % 3 === 0 ? `  systems Sys${(n * 2) % 16}` : '', n % 4 === 1 ? `  information Info${n % 14}` : '', n % 5 === 4 ? '  customers Business' : ''].join('');
            out.push(`    touchpoint T${n} "${stageNames[s]} step ${t + 1}: ${['see the offer', 'read the reviews', 'ask a question', 'get a reply', 'fill in the form', 'wait at home'][n % 6]}" { channel ${channels[n % channels.length]}  processes ${processes}  emotion ${[1, 0, -1, 2, -2, 1, 0][n % 7]}${extra} }`);
        }
        out.push('  }');
    }
    for (let m = 0; m < n; m += 4) {
        const kpis = m % 8 === 0 ? '  kpis Conv, Nps' : '  kpis Fcr';
        out.push(`  moment M${m} "${['First impression', 'The price', 'The reply', 'Parcel arrives', 'It works', 'Help when stuck', 'The renewal', 'Telling a friend', 'The bill', 'The wait'][(m / 4) % 10]}" { at T${m}  kind ${['zero', 'first', 'first', 'actual', 'second', 'second', 'second', 'third', 'second', 'ultimate'][Math.min(9, Math.floor(m / perStage))]}  polarity ${['positive', 'negative', 'mixed'][(m / 4) % 3]}  impact ${['low', 'medium', 'high', 'critical'][(m / 4) % 4]}${kpis}${(m / 4) % 3 === 1 ? `  recovery P${(m + 12) % 22}` : ''} }`);
    }
    for (let p = 0; p < n; p += 5) out.push(`  pain Pain${p} "${['Hard to compare', 'Hidden fees', 'Long wait', 'Confusing set-up', 'No answer', 'Surprise bill', 'Hard to cancel', 'Spam'][(p / 5) % 8]}" { at T${p + 1}  severity ${['low', 'medium', 'high', 'critical'][(p / 5) % 4]} }`);
    for (let o = 0; o < n; o += 10) out.push(`  opportunity Opp${o} "${['Compare side by side', 'Show the full price', 'Call back in an hour', 'Guided set-up'][(o / 10) % 4]}" { addresses Pain${o}${Math.ceil((o + 1) / 4) * 4 < n ? `, M${Math.ceil((o + 1) / 4) * 4}` : ''}  improves Conv  owner "Product" }`);
    out.push('  pain Stage0 "Nobody knows us" { at St0  severity high }');
    out.push('}');
    return out.join('\n');
}

/**
 * A crowded journey, pseudo-random from `seed` (the same text for the same seed): 3 to 22 processes,
 * mostly in the three lanes, 3 to 32 touchpoints each using up to four of them, moments (some with a
 * recovery), pains and the opportunities that address them. Where routes cannot keep 6 px apart.
 */
export function crowdedJourney(seed: number): string {
    let state = seed;
    const random = () => {
        state = (state * 1103515245 + 12345) & 0x7fffffff;
        return state / 0x7fffffff;
    };
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const processes = 3 + Math.floor(random() * 20);
    const touchpoints = 3 + Math.floor(random() * 30);
    const out = ['journey J {'];
    for (let p = 0; p < processes; p++) out.push(`process P${p} "Process ${p} ${'x'.repeat(Math.floor(random() * 30))}" { ${random() < 0.9 ? `lane ${pick(['frontstage', 'backstage', 'support'])}` : ''} }`);
    let t = 0;
    for (let s = 0; s < 1 + Math.floor(touchpoints / 4); s++) {
        out.push(`stage S${s} {`);
        for (let k = 0; k < 4 && t < touchpoints; k++, t++) {
            const uses = [...new Set(Array.from({ length: Math.floor(random() * 5) }, () => `P${Math.floor(random() * processes)}`))];
            out.push(`touchpoint T${t} "Touchpoint ${t}" { channel web  emotion ${Math.floor(random() * 5) - 2}${uses.length ? `  processes ${uses.join(', ')}` : ''} }`);
        }
        out.push('}');
    }
    for (let m = 0; m < touchpoints; m += 2) out.push(`moment M${m} { at T${m}  polarity ${pick(['positive', 'negative', 'mixed'])}${random() < 0.4 ? `  recovery P${Math.floor(random() * processes)}` : ''} }`);
    for (let p = 0; p < touchpoints; p += 3) out.push(`pain Pn${p} { at T${p} } opportunity O${p} { addresses Pn${p}${random() < 0.5 && p + 2 < touchpoints ? `, M${p + 2 - ((p + 2) % 2)}` : ''} }`);
    out.push('}');
    return out.join('\n');
}
