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
