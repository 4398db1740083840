import { buildWorkspaceModel } from '../../../src/cli/diff/build-workspace-model.js';
import { compareWorkspaces } from '../../../src/cli/diff/compare/compare-workspaces.js';
import type { ElementChange, JourneyDiff, WorkspaceDiff } from '../../../src/cli/diff/compare/diff-types.js';
import type { WorkspaceModel } from '../../../src/cli/diff/compare/workspace-model.js';
import type { DiffReport } from '../../../src/cli/diff/report.js';

/** Top-level declarations every journey below uses. */
export const SHARED = `customer Shopper "Shopper" { value high  clv 1450 EUR }
customer Gifter "Gift buyer" { value medium  clv 300 EUR }
system Shop "Web shop" { type web  owner "E-commerce" }
system Oms "Order management" { type erp  owner "IT" }
information Order "Order record" { source Oms  owner "Fulfilment"  classification personal }
process Notify "Send messages" { owner "CRM"  lane support  systems Shop }
`;

/** One journey with a member of every kind. */
export const BUY = `journey Buy "Buy online" {
  customers Shopper, Gifter
  objective Deliver "Deliver fast" {
    for Shopper
    kpi OnTime "On-time rate" { metric percent  current 98%  target >= 97% }
    kpi Nps "Delivery NPS" { metric nps  current 30  target >= 45 }
  }
  objective Convert "Convert visitors" {
    for Gifter
    kpi Conversion "Conversion" { metric conversion  current 3.4%  target >= 3.2% }
  }
  process Pay "Take payment" { owner "Payments"  lane frontstage  systems Shop  writes Order  supports Deliver  sla 2m }
  process Ship "Ship" { owner "Warehouse"  lane backstage  systems Oms  reads Order  supports Deliver  sla 48h }
  stage Browse "Browse" { category consideration
    touchpoint Page "Product page" { channel web  systems Shop  emotion 1 }
  }
  stage Purchase "Purchase" { category purchase
    touchpoint Checkout "Checkout" { channel web  processes Pay  information Order  emotion -1 }
    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }
  }
  stage Receive "Delivery" { category delivery
    touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }
  }
  moment Arrives "Parcel arrives" { at Parcel  kind actual  polarity positive  impact high  kpis OnTime  owner "Logistics" }
  pain SlowPay "Payment is slow" { at Checkout  severity high }
  opportunity OneClick "One-click payment" { addresses SlowPay  improves Nps, OnTime  owner "Payments" }
}
`;

/** `text` with each [from, to] replaced once; a `from` that is not there fails the test (an edit that did nothing proves nothing). */
export function edit(text: string, ...edits: [string, string][]): string {
    let out = text;
    for (const [from, to] of edits) {
        if (!out.includes(from)) throw new Error(`edit: ${JSON.stringify(from)} is not in the text`);
        out = out.replace(from, to);
    }
    return out;
}

/** The day the tests' actuals are judged as of. */
export const AS_OF = '2026-12-01';

/**
 * A workspace model of `files` (path → text), built as copis diff builds each revision; `.csv` files
 * are its actuals (for every model, as `--actuals` gives them), judged as of AS_OF.
 */
export function workspaceModel(files: Record<string, string>): Promise<WorkspaceModel> {
    const entries = Object.entries(files);
    const uri = (file: string) => `file:///workspace/${file}`;
    return buildWorkspaceModel({
        sources: entries.filter(([file]) => !file.endsWith('.csv')).map(([file, text]) => ({ file, uri: uri(file), text, named: true })),
        unreadable: [], roots: [], isolated: [],
        actuals: entries.filter(([file]) => file.endsWith('.csv')).map(([file, text]) => ({ file, path: `/workspace/${file}`, uri: uri(file), text, named: true }))
    }, '/workspace', { asOf: AS_OF });
}

export async function diffOf(base: Record<string, string>, head: Record<string, string>): Promise<WorkspaceDiff> {
    return compareWorkspaces(await workspaceModel(base), await workspaceModel(head));
}

/** The changes of journey `id`, or a failure that shows what the diff holds. */
export function journey(diff: WorkspaceDiff, id: string): JourneyDiff {
    const found = diff.journeys.find(j => j.id === id);
    if (!found) throw new Error(`no change of journey ${id} in ${JSON.stringify(diff.journeys.map(j => j.id))}`);
    return found;
}

/** Each change as `change kind id`, for a compact comparison. */
export function changeList(changes: readonly ElementChange[]): string[] {
    return changes.map(c => `${c.change} ${c.kind} ${c.id}`);
}

/** A report of `diff` as `copis diff` gives its reporters one. */
export function reportOf(diff: WorkspaceDiff): DiffReport {
    return { base: { label: 'main', commit: 'a'.repeat(40), files: 2, actuals: 0 }, head: { label: 'working tree', files: 2, actuals: 0 }, diff, asOf: '2026-12-01', toolVersion: 'test' };
}
