// Generates realistic-shaped copis workspaces for the benchmark: shared declarations in their
// own files and many journeys, each journey referring both to its own members and to shared ones.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const CATEGORIES = ['awareness', 'consideration', 'purchase', 'delivery', 'usage', 'retention'];
const KINDS = { awareness: 'zero', consideration: 'first', purchase: 'first', delivery: 'actual', usage: 'second', retention: 'second' };
const CHANNELS = ['web', 'mobile', 'email', 'phone', 'chat', 'store'];

/** Shared declarations: `count` of them, spread over customers, systems and information. */
function sharedText(prefix, count) {
    const lines = [];
    for (let i = 0; i < count; i++) {
        const kind = i % 3;
        if (kind === 0) lines.push(`/** Persona ${i}. */\ncustomer ${prefix}C${i} "Customer ${i}" {\n  segment "Segment ${i % 7}"\n  value medium\n  clv ${300 + i} EUR\n  needs "Speed", "Clarity"\n}`);
        else if (kind === 1) lines.push(`system ${prefix}S${i} "System ${i}" {\n  type web\n  owner "IT ${i % 5}"\n  approved personal\n}`);
        else lines.push(`information ${prefix}I${i} "Record ${i}" {\n  source ${prefix}S${i - 1}\n  owner "Data ${i % 4}"\n  classification internal\n}`);
    }
    return lines.join('\n\n') + '\n';
}

/** One journey of exactly 50 declarations (itself included). */
function journeyText(name, shared) {
    // Shared declarations cycle customer, system, information: index 3n, 3n+1, 3n+2.
    const each = Math.floor(shared.count / 3);
    const c = (k) => `${shared.prefix}C${3 * (k % each)}`;
    const s = (k) => `${shared.prefix}S${3 * (k % each) + 1}`;
    const inf = (k) => `${shared.prefix}I${3 * (k % each) + 2}`;
    const out = [`journey ${name} "Journey ${name}" {`, `  customers ${c(1)}, ${c(2)}`];
    // 1 objective + 3 KPIs = 4
    out.push(`  objective Obj "Objective" {\n    for ${c(1)}\n    kpi K1 "NPS" { metric nps  current 42  target >= 40 }\n    kpi K2 "CSAT" { metric csat  current 88%  target >= 85% }\n    kpi K3 "Churn" { metric churn  current 4%  target <= 5% }\n  }`);
    // 6 processes = 6
    for (let p = 0; p < 6; p++) {
        out.push(`  process P${p} "Process ${p}" {\n    owner "Team ${p}"\n    lane ${['frontstage', 'backstage', 'support'][p % 3]}\n    systems ${s(p)}\n    reads ${inf(p)}\n    supports Obj\n    sla ${p + 1}h\n  }`);
    }
    // 6 stages x 4 touchpoints = 30
    let t = 0;
    for (let st = 0; st < 6; st++) {
        const cat = CATEGORIES[st];
        out.push(`  stage St${st} "Stage ${st}" {\n    category ${cat}`);
        for (let k = 0; k < 4; k++, t++) {
            out.push(`    touchpoint T${t} "Touchpoint ${t}" { channel ${CHANNELS[t % CHANNELS.length]}  processes P${t % 6}  systems ${s(t)}  emotion ${[1, 0, 1, 2][k]} }`);
        }
        out.push('  }');
    }
    // 4 moments, 3 pains, 2 opportunities = 9  (total 1 + 4 + 6 + 30 + 9 = 50)
    for (let m = 0; m < 4; m++) {
        const st = [1, 2, 3, 4][m];
        const tp = st * 4 + 1;
        out.push(`  moment M${m} "Moment ${m}" { at T${tp}  kind ${KINDS[CATEGORIES[st]]}  polarity positive  impact high  kpis K1, ${m % 2 ? `${name}.K2` : 'K3'}  owner "CX" }`);
    }
    for (let p = 0; p < 3; p++) out.push(`  pain Pain${p} "Pain ${p}" { at T${p * 7}  severity high }`);
    out.push(`  opportunity Op0 "Opportunity 0" { addresses Pain0, Pain1  improves K1  owner "Product" }`);
    out.push(`  opportunity Op1 "Opportunity 1" { addresses Pain2  improves K2  owner "Ops" }`);
    out.push('}');
    return out.join('\n') + '\n';
}

export const DECLARATIONS_PER_JOURNEY = 50;

/**
 * Writes a workspace of about `total` declarations into `dir`.
 * `singleFile` puts everything in one file (the case Langium's linear local scopes make quadratic).
 */
export function generateWorkspace(dir, total, { singleFile = false } = {}) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const journeys = Math.max(1, Math.floor(total * 0.9 / DECLARATIONS_PER_JOURNEY));
    const sharedCount = total - journeys * DECLARATIONS_PER_JOURNEY;
    const shared = { prefix: 'X', count: sharedCount };
    const sharedFile = sharedText(shared.prefix, sharedCount);
    const journeyTexts = Array.from({ length: journeys }, (_, j) => journeyText(`J${j}`, shared));
    if (singleFile) {
        writeFileSync(join(dir, 'all.copis'), sharedFile + '\n' + journeyTexts.join('\n'));
    } else {
        mkdirSync(join(dir, 'journeys'), { recursive: true });
        writeFileSync(join(dir, 'shared.copis'), sharedFile);
        journeyTexts.forEach((text, j) => writeFileSync(join(dir, 'journeys', `j${j}.copis`), text));
    }
    return { declarations: sharedCount + journeys * DECLARATIONS_PER_JOURNEY, files: singleFile ? 1 : journeys + 1 };
}

/**
 * Moves the first `count` journeys of a workspace `generateWorkspace` wrote into one file,
 * journeys/big.copis (the same declarations, one large document to open in an editor): its path and text.
 */
export function mergeJourneys(dir, count) {
    const parts = [];
    for (let j = 0; j < count; j++) {
        const file = join(dir, 'journeys', `j${j}.copis`);
        parts.push(readFileSync(file, 'utf8'));
        rmSync(file);
    }
    const path = join(dir, 'journeys', 'big.copis');
    const text = parts.join('\n');
    writeFileSync(path, text);
    return { path, text };
}

/**
 * Writes `copies` top-level declarations that all share one name (`duplicate-name` on all but the
 * first), in `files` files of about equal size, plus one journey that refers to the name. The
 * case that made the duplicate-name check quadratic.
 */
export function generateSameName(dir, copies, { files = 1 } = {}) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const perFile = Math.ceil(copies / files);
    const paths = [];
    for (let f = 0, written = 0; written < copies; f++) {
        const n = Math.min(perFile, copies - written);
        const lines = [];
        for (let i = 0; i < n; i++) lines.push(`system Same "Copy ${written + i}" { type web  owner "IT" }`);
        const path = join(dir, `same${String(f).padStart(4, '0')}.copis`);
        writeFileSync(path, lines.join('\n') + '\n');
        paths.push(path);
        written += n;
    }
    writeFileSync(join(dir, 'journey.copis'), 'journey Uses "Uses" {\n  process P "P" { owner "Ops"  systems Same }\n}\n');
    return { declarations: copies + 2, files: paths.length + 1, paths };
}
