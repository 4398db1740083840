// Bundled and run by bench/diagram.mjs: model to SVG (with the panes that stay in view) for journeys of growing size, full and compact.
import * as ast from '../language-server/generated/ast.js';
import { buildJourneyModel } from '../language-server/model/build-model.js';
import { renderDiagram } from '../language-server/diagram/index.js';
import { loadWorkspace } from '../language-server/workspace/validate-workspace.js';

const CATEGORIES = ['awareness', 'consideration', 'purchase', 'delivery', 'usage', 'support', 'retention', 'advocacy'];
const CHANNELS = ['web', 'mobile', 'email', 'phone', 'chat', 'store'];

function journeyText(touchpoints: number): string {
    const perStage = 5;
    const stages = Math.ceil(touchpoints / perStage);
    const out = ['customer C "Customer" { value medium  clv 100 EUR }', 'system S "System" { type web  owner "IT" }', 'journey J "Journey" {', '  customers C'];
    out.push('  objective O "Objective" { kpi K "NPS" { metric nps  current 30  target >= 40 } }');
    for (let p = 0; p < 6; p++) out.push(`  process P${p} "Process ${p}" { owner "Team"  lane ${['frontstage', 'backstage', 'support'][p % 3]}  systems S }`);
    let t = 0;
    for (let s = 0; s < stages; s++) {
        out.push(`  stage St${s} "Stage ${s}" { category ${CATEGORIES[Math.floor(s * CATEGORIES.length / stages)]}`);
        for (let k = 0; k < perStage && t < touchpoints; k++, t++) {
            out.push(`    touchpoint T${t} "Touchpoint number ${t}" { channel ${CHANNELS[t % CHANNELS.length]}  processes P${t % 6}  emotion ${[1, 0, -1, 2, 1][k]} }`);
        }
        out.push('  }');
    }
    for (let m = 0; m < touchpoints / 10; m++) out.push(`  moment M${m} "Moment ${m}" { at T${m * 10}  polarity positive  impact high  kpis K }`);
    for (let p = 0; p < touchpoints / 20; p++) out.push(`  pain Pn${p} "Pain ${p}" { at T${p * 20 + 3}  severity medium }`);
    out.push('}');
    return out.join('\n');
}

const rows: string[] = [];
for (const n of [50, 500, 2000]) {
    const { documents } = await loadWorkspace([{ uri: `file:///bench/j${n}.copis`, text: journeyText(n) }], { validate: false });
    const journey = (documents[0].parseResult.value as ast.Model).elements.find(ast.isJourney)!;
    const model = buildJourneyModel(journey).model;
    let size = 0;
    const median = (compact: boolean) => {
        const times: number[] = [];
        for (let i = 0; i < (n > 500 ? 5 : 15); i++) {
            const start = performance.now();
            const rendered = renderDiagram(model, { view: 'journey', compact });
            if (!compact) size = rendered.svg.length;
            times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        return times[Math.floor(times.length / 2)];
    };
    const full = median(false);
    const compact = median(true);
    rows.push(`${String(n).padStart(12)}${full.toFixed(1).padStart(12)}${(full / n * 1000).toFixed(1).padStart(12)}${(size / 1024).toFixed(0).padStart(12)}${compact.toFixed(1).padStart(12)}`);
}
console.log('\nmodel to SVG (journey view), median');
console.log(`${'touchpoints'.padStart(12)}${'ms'.padStart(12)}${'µs/tp'.padStart(12)}${'SVG KB'.padStart(12)}${'compact ms'.padStart(12)}`);
for (const r of rows) console.log(r);
console.log('aim: 500 touchpoints under 50 ms, growth no worse than linear');
