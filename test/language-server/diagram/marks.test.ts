import { describe, expect, it } from 'vitest';
import { layoutDiagram, markDiagram, renderStandaloneSvg } from '../../../language-server/diagram/index.js';
import { modelOf } from './helpers.js';

const TEXT = `customer C "Customer" { value high }
journey J "Journey" {
  customers C
  stage A "First" { category awareness
    touchpoint T1 "One" { channel web  emotion 1 }
    touchpoint T2 "Two" { channel email  emotion -1 }
  }
  moment M "Moment" { at T2  kind zero  polarity negative  impact high }
}
`;

describe('diagram marks', () => {
    it('frames and badges the marked boxes, fades a ghost and its lines, and adds a legend below', async () => {
        const model = await modelOf(TEXT);
        const plain = layoutDiagram(model, { view: 'journey' });
        const marked = markDiagram(plain, { 'J.T1': 'added', 'J.T2': 'removed', 'J.M': 'changed' });
        const card = (d: typeof plain, id: string) => d.boxes.find(b => b.id === id && b.kind !== 'emotion')!;
        expect(card(marked, 'J.T1').mark).toBe('added');
        expect(card(marked, 'J.T2').mark).toBe('removed');
        expect(card(marked, 'J.M').mark).toBe('changed');
        // Frame and badge come after the box's own parts, so they are drawn over it; the badge says what the mark is.
        const added = card(marked, 'J.T1');
        expect(added.parts.slice(0, card(plain, 'J.T1').parts.length)).toEqual(card(plain, 'J.T1').parts);
        expect(added.parts.filter(p => p.type === 'text').map(p => p.type === 'text' && p.text)).toContain('NEW');
        expect(card(marked, 'J.T2').parts).toContainEqual(expect.objectContaining({ type: 'rect', stroke: 'negative', dash: '4 3' }));
        // Nothing moved: the same boxes at the same places, and the legend below them.
        expect(marked.boxes.filter(b => b.kind !== 'marks-legend').map(b => [b.id, b.x, b.y, b.width, b.height])).toEqual(plain.boxes.map(b => [b.id, b.x, b.y, b.width, b.height]));
        const legend = marked.boxes.filter(b => b.kind === 'marks-legend');
        expect(legend.flatMap(b => b.parts).filter(p => p.type === 'text').map(p => p.type === 'text' && p.text)).toEqual(['Changes since BASE:', 'NEW', 'added', 'CHANGED', 'changed', 'REMOVED', 'removed (a ghost where it was)']);
        for (const b of legend) expect(b.y).toBeGreaterThanOrEqual(plain.height);
        expect(marked.height).toBeGreaterThan(plain.height);
        const ghostLines = marked.lines.filter(l => l.from === 'J.T2' || l.to === 'J.T2');
        for (const line of ghostLines) expect(line.opacity).toBeLessThanOrEqual(0.45);
    });

    it('writes data-mark and fades a ghost in the SVG; without marks the SVG is as before', async () => {
        const model = await modelOf(TEXT);
        const svg = renderStandaloneSvg(model, { view: 'journey', marks: { 'J.T2': 'removed', 'J.T1': 'changed' } });
        expect(svg).toMatch(/<g class="copis-el copis-touchpoint" data-id="J\.T2" data-kind="touchpoint" data-mark="removed" opacity="0\.45">/);
        expect(svg).toMatch(/<g class="copis-el copis-touchpoint" data-id="J\.T1" data-kind="touchpoint" data-mark="changed">/);
        expect(svg).toContain('>REMOVED</text>');
        const unmarked = renderStandaloneSvg(model, { view: 'journey' });
        expect(unmarked).not.toContain('data-mark');
        expect(unmarked).not.toContain('Changes since BASE');
        expect(renderStandaloneSvg(model, { view: 'journey', marks: {} })).toContain('Changes since BASE');
    });
});
