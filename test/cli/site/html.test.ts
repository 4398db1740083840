// The site's HTML and JSON writers (html.ts): what they escape, and that the data comes back exactly.
import { describe, expect, it } from 'vitest';
import { html, jsonBlock, raw, safeJson } from '../../../src/cli/site/html.js';
import { elementsOf, textOf } from './site-helpers.js';

const NASTY = `</script><script>alert(1)</script> <!-- & "quotes" 'single' \u2028\u2029 \u0085 \uFFFE \u{1FFFE} \uD800 end`;

describe('html``', () => {
    it('escapes every value, in text and attributes; markup made by html or raw goes in as it is', () => {
        const title = '<b onclick="x()">T&C</b>';
        const out = html`<p title="${title}">${title} ${[title, 1, undefined, null, false]} ${html`<i>${title}</i>`} ${raw('<br>')}</p>`.text;
        expect(out).toBe('<p title="&lt;b onclick=&quot;x()&quot;&gt;T&amp;C&lt;/b&gt;">&lt;b onclick=&quot;x()&quot;&gt;T&amp;C&lt;/b&gt; &lt;b onclick=&quot;x()&quot;&gt;T&amp;C&lt;/b&gt;1 <i>&lt;b onclick=&quot;x()&quot;&gt;T&amp;C&lt;/b&gt;</i> <br></p>');
        const [p] = elementsOf(out).filter(e => e.tagName === 'p');
        expect(p.attrs).toEqual([{ name: 'title', value: title }]);
    });

    it('replaces what an HTML page may not hold (C0 and C1 controls, non-characters) by U+FFFD', () => {
        expect(html`${'a\u0001b\u0085c\uFDD0d'}`.text).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    });
});

describe('safeJson and jsonBlock', () => {
    it('cannot close its script element or open a comment, and parses back to the same value', () => {
        const value = { title: NASTY, list: [NASTY, 1, true, null] };
        const json = safeJson(value);
        expect(json).not.toMatch(/[<>&\u2028\u2029\u0085\uFFFE]/);
        expect(JSON.parse(json)).toEqual(value);
        const page = `<!DOCTYPE html><html><head>${jsonBlock('data', value).text}</head><body><p>after</p></body></html>`;
        const elements = elementsOf(page);
        expect(elements.filter(e => e.tagName === 'script').length).toBe(1);
        expect(JSON.parse(textOf(elements.find(e => e.tagName === 'script')!))).toEqual(value);
        expect(textOf(elements.find(e => e.tagName === 'p')!)).toBe('after');
    });
});
