// A LikeC4 workspace of the same size and shape as generate.mjs's copis workspace, for comparing
// `copis validate` with `likec4 validate` (bench/validate.mjs, BENCH_LIKEC4=1): one element per copis
// declaration, nested as the copis journey nests them, and one relationship per copis reference
// between declarations, in the same files (a shared file and one file per journey).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DECLARATIONS_PER_JOURNEY } from './generate.mjs';

const SPECIFICATION = `specification {
  element customer
  element system
  element information
  element journey
  element objective
  element kpi
  element process
  element stage
  element touchpoint
  element moment
  element pain
  element opportunity
}
`;

function sharedText(prefix, count) {
    const lines = [SPECIFICATION, 'model {'];
    for (let i = 0; i < count; i++) {
        const kind = i % 3;
        if (kind === 0) lines.push(`  customer ${prefix}C${i} 'Customer ${i}' {\n    description 'Persona ${i}, segment ${i % 7}'\n  }`);
        else if (kind === 1) lines.push(`  system ${prefix}S${i} 'System ${i}' {\n    technology 'web'\n    description 'IT ${i % 5}'\n  }`);
        else lines.push(`  information ${prefix}I${i} 'Record ${i}' {\n    description 'Data ${i % 4}'\n    -> ${prefix}S${i - 1} 'source'\n  }`);
    }
    lines.push('}');
    return lines.join('\n') + '\n';
}

/** One journey of exactly 50 elements (itself included), with the references of the copis journey as relationships. */
function journeyText(name, shared) {
    const each = Math.floor(shared.count / 3);
    const c = (k) => `${shared.prefix}C${3 * (k % each)}`;
    const s = (k) => `${shared.prefix}S${3 * (k % each) + 1}`;
    const inf = (k) => `${shared.prefix}I${3 * (k % each) + 2}`;
    const out = ['model {', `  journey ${name} 'Journey ${name}' {`, `    -> ${c(1)} 'customer'`, `    -> ${c(2)} 'customer'`];
    out.push(`    objective ${name}Obj 'Objective' {\n      -> ${c(1)} 'for'\n      kpi ${name}K1 'NPS'\n      kpi ${name}K2 'CSAT'\n      kpi ${name}K3 'Churn'\n    }`);
    for (let p = 0; p < 6; p++) {
        out.push(`    process ${name}P${p} 'Process ${p}' {\n      description 'Team ${p}'\n      -> ${s(p)} 'system'\n      -> ${inf(p)} 'reads'\n      -> ${name}Obj 'supports'\n    }`);
    }
    let t = 0;
    for (let st = 0; st < 6; st++) {
        out.push(`    stage ${name}St${st} 'Stage ${st}' {`);
        for (let k = 0; k < 4; k++, t++) {
            out.push(`      touchpoint ${name}T${t} 'Touchpoint ${t}' {\n        -> ${name}P${t % 6} 'process'\n        -> ${s(t)} 'system'\n      }`);
        }
        out.push('    }');
    }
    for (let m = 0; m < 4; m++) {
        const tp = [1, 2, 3, 4][m] * 4 + 1;
        out.push(`    moment ${name}M${m} 'Moment ${m}' {\n      -> ${name}T${tp} 'at'\n      -> ${name}K1 'kpi'\n      -> ${name}${m % 2 ? 'K2' : 'K3'} 'kpi'\n    }`);
    }
    for (let p = 0; p < 3; p++) out.push(`    pain ${name}Pain${p} 'Pain ${p}' {\n      -> ${name}T${p * 7} 'at'\n    }`);
    out.push(`    opportunity ${name}Op0 'Opportunity 0' {\n      -> ${name}Pain0 'addresses'\n      -> ${name}Pain1 'addresses'\n      -> ${name}K1 'improves'\n    }`);
    out.push(`    opportunity ${name}Op1 'Opportunity 1' {\n      -> ${name}Pain2 'addresses'\n      -> ${name}K2 'improves'\n    }`);
    out.push('  }', '}');
    return out.join('\n') + '\n';
}

/** Writes into `dir` the LikeC4 counterpart of generateWorkspace(dir, total): the same elements in the same files. */
export function generateLikeC4Workspace(dir, total) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, 'journeys'), { recursive: true });
    const journeys = Math.max(1, Math.floor(total * 0.9 / DECLARATIONS_PER_JOURNEY));
    const shared = { prefix: 'X', count: total - journeys * DECLARATIONS_PER_JOURNEY };
    writeFileSync(join(dir, 'shared.c4'), sharedText(shared.prefix, shared.count));
    for (let j = 0; j < journeys; j++) writeFileSync(join(dir, 'journeys', `j${j}.c4`), journeyText(`J${j}`, shared));
    return { elements: shared.count + journeys * DECLARATIONS_PER_JOURNEY, files: journeys + 1 };
}
