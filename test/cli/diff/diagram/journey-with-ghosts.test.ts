import { describe, expect, it } from 'vitest';
import { compareWorkspaces } from '../../../../src/cli/diff/compare/compare-workspaces.js';
import { journeyWithGhosts } from '../../../../src/cli/diff/diagram/journey-with-ghosts.js';
import { BUY, SHARED, edit, workspaceModel } from '../models.js';

async function marked(buyBase: string, buyHead: string, id = 'Buy') {
    const base = await workspaceModel({ 'shared.copis': SHARED, 'buy.copis': buyBase });
    const head = await workspaceModel({ 'shared.copis': SHARED, 'buy.copis': buyHead });
    const diff = compareWorkspaces(base, head);
    const change = diff.journeys.find(j => j.id === id);
    return journeyWithGhosts(diff, head.journeys.find(j => j.id === id), base.journeys.find(j => j.id === (change?.previous?.id ?? id)));
}

describe('journeyWithGhosts', () => {
    it('puts a removed touchpoint back in its stage after the one it followed, without its emotion, and marks it removed', async () => {
        const head = edit(BUY, ['    touchpoint Confirm "Confirmation e-mail" { channel email  processes Notify  emotion 1 }\n', '']);
        const { model, marks } = await marked(BUY, edit(head, ['touchpoint Checkout "Checkout" {', 'touchpoint Pay "Pay" { channel web }\n    touchpoint Checkout "Checkout" {']));
        const purchase = model.stages.find(s => s.id === 'Buy.Purchase')!;
        expect(purchase.touchpoints).toEqual(['Buy.Pay', 'Buy.Checkout', 'Buy.Confirm']);
        expect(model.touchpoints.map(t => [t.id, t.index, t.stage])).toEqual([
            ['Buy.Page', 0, 'Buy.Browse'], ['Buy.Pay', 1, 'Buy.Purchase'], ['Buy.Checkout', 2, 'Buy.Purchase'], ['Buy.Confirm', 3, 'Buy.Purchase'], ['Buy.Parcel', 4, 'Buy.Receive']
        ]);
        const ghost = model.touchpoints.find(t => t.id === 'Buy.Confirm')!;
        expect(ghost.emotion).toBeUndefined();
        // Its process Notify left the journey with it (no other touchpoint uses it): a ghost links to what HEAD draws only.
        expect(ghost.processes).toEqual([]);
        expect(model.processes.map(p => p.id)).not.toContain('Notify');
        expect(ghost.customers).toEqual(['Shopper', 'Gifter']);
        expect(marks).toEqual({ 'Buy.Confirm': 'removed', 'Buy.Pay': 'added' });
    });

    it('puts a removed stage back after the stage it followed, with its touchpoints, and a removed moment at its touchpoint', async () => {
        const receive = '  stage Receive "Delivery" { category delivery\n    touchpoint Parcel "Parcel at the door" { channel mail  processes Ship  emotion 2 }\n  }\n';
        const base = edit(BUY, ['  moment Arrives', `  stage Later "Later" { category retention\n    touchpoint Mail "Mail" { channel email  emotion 1 }\n  }\n  moment Later2 "Keeps coming" { at Mail  kind second  polarity positive  impact low }\n  moment Arrives`]);
        const head = edit(base, ['  stage Later "Later" { category retention\n    touchpoint Mail "Mail" { channel email  emotion 1 }\n  }\n', ''],
            ['  moment Later2 "Keeps coming" { at Mail  kind second  polarity positive  impact low }\n', ''], [receive, receive.replace('emotion 2', 'emotion 1')]);
        const { model, marks } = await marked(base, head);
        expect(model.stages.map(s => [s.id, s.index])).toEqual([['Buy.Browse', 0], ['Buy.Purchase', 1], ['Buy.Receive', 2], ['Buy.Later', 3]]);
        expect(model.stages[3].touchpoints).toEqual(['Buy.Mail']);
        const moment = model.moments.find(m => m.id === 'Buy.Later2')!;
        expect(moment).toMatchObject({ at: 'Buy.Mail', stage: 'Buy.Later' });
        expect(model.touchpoints.find(t => t.id === 'Buy.Mail')!.moments).toEqual(['Buy.Later2']);
        expect(marks).toEqual({ 'Buy.Later': 'removed', 'Buy.Mail': 'removed', 'Buy.Later2': 'removed', 'Buy.Parcel': 'changed' });
    });

    it('follows renames: a ghost moment of a renamed journey sits at the renamed touchpoint', async () => {
        const head = edit(BUY, ['journey Buy "Buy online"', 'journey Shop "Buy online"'], ['touchpoint Parcel "Parcel', 'touchpoint Door "Parcel'], ['at Parcel', 'at Door'],
            ['  pain SlowPay "Payment is slow" { at Checkout  severity high }\n', ''], ['addresses SlowPay  improves', 'addresses Arrives  improves']);
        const { model, marks } = await marked(BUY, head, 'Shop');
        expect(model.pains.map(p => [p.id, p.at])).toEqual([['Buy.SlowPay', 'Shop.Checkout']]);
        expect(marks).toMatchObject({ 'Shop': 'changed', 'Buy.SlowPay': 'removed', 'Shop.Door': 'changed', 'Shop.OneClick': 'changed' });
    });

    it('marks every member of a journey added, and of one removed', async () => {
        const base = await workspaceModel({ 'shared.copis': SHARED });
        const head = await workspaceModel({ 'shared.copis': SHARED, 'buy.copis': BUY });
        const added = journeyWithGhosts(compareWorkspaces(base, head), head.journeys[0], undefined);
        expect(Object.values(added.marks).every(m => m === 'added')).toBe(true);
        expect(Object.keys(added.marks)).toEqual(expect.arrayContaining(['Buy', 'Buy.Checkout', 'Buy.Arrives', 'Buy.OnTime', 'Buy.Pay']));
        const removed = journeyWithGhosts(compareWorkspaces(head, base), undefined, head.journeys[0]);
        expect(removed.model).toBe(head.journeys[0]);
        expect(Object.values(removed.marks).every(m => m === 'removed')).toBe(true);
    });
});
