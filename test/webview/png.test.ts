import { describe, expect, test } from 'vitest';
import { withFonts } from '../../src/webview/png.js';

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" font-family="Helvetica, Arial"><text>Hi</text></svg>';

describe('the PNG export\'s fonts inside the SVG', () => {
    test('declared under the diagram\'s first font name, right inside the root element', () => {
        const out = withFonts(svg, [{ weight: 400, base64: 'AAEC' }, { weight: 700, base64: 'AwQF' }]);
        expect(out).toBe(svg.replace('">', '"><style>'
            + '@font-face{font-family:Helvetica;font-style:normal;font-weight:400;src:url(data:font/ttf;base64,AAEC) format("truetype")}'
            + '@font-face{font-family:Helvetica;font-style:normal;font-weight:700;src:url(data:font/ttf;base64,AwQF) format("truetype")}'
            + '</style>'));
    });

    test('after an XML declaration too', () => {
        const out = withFonts(`<?xml version="1.0"?>\n${svg}`, [{ weight: 400, base64: 'AAEC' }]);
        expect(out.startsWith(`<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" font-family="Helvetica, Arial"><style>@font-face{`)).toBe(true);
    });

    test('nothing but base64 gets in: a font that is not is left out', () => {
        const out = withFonts(svg, [{ weight: 400, base64: 'AA) } text { fill: red' }, { weight: 700, base64: 'AwQF' }]);
        expect(out).not.toContain('fill: red');
        expect(out).toContain('base64,AwQF)');
        expect(withFonts(svg, [{ weight: 400, base64: '</style><script>' }])).toBe(svg);
    });

    test('without fonts, or without an SVG root, the text is unchanged', () => {
        expect(withFonts(svg, [])).toBe(svg);
        expect(withFonts('<html></html>', [{ weight: 400, base64: 'AAEC' }])).toBe('<html></html>');
    });
});
