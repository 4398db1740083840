import { describe, expect, test } from 'vitest';
import * as ast from '../../../language-server/generated/ast.js';
import { findProp, refsOf, targetsOf } from '../../../language-server/model/props.js';
import { parse } from '../util.js';

async function processNamed(text: string, name: string): Promise<ast.Process> {
    const { model } = await parse(text);
    const found = model.elements.find((e): e is ast.Process => ast.isProcess(e) && e.name === name);
    if (!found) throw new Error(`no process ${name}`);
    return found;
}

describe('targetsOf: the resolved targets of a property, in order, each once', () => {
    const systems = Array.from({ length: 30 }, (_, i) => `system S${i}`).join('\n');

    test('across repeated properties, without what does not resolve or is of another kind', async () => {
        const p = await processNamed(`${systems}\ninformation I\nprocess P { systems S2, S1, Nope, S2  systems I, S1, S3 }`, 'P');
        expect(targetsOf(p, 'systems', ast.isSystem).map(s => s.name)).toEqual(['S2', 'S1', 'S3']);
        expect(refsOf(p, 'systems').map(r => r.$refText)).toEqual(['S2', 'S1', 'Nope', 'S2', 'I', 'S1', 'S3']);
    });

    test('many targets (past the point where a set keeps them), repeated', async () => {
        const names = Array.from({ length: 30 }, (_, i) => `S${(i * 7) % 30}`);
        const p = await processNamed(`${systems}\nprocess P { systems ${names.join(', ')}, ${[...names].reverse().join(', ')}  systems S5, S29 }`, 'P');
        expect(targetsOf(p, 'systems', ast.isSystem).map(s => s.name)).toEqual(names);
    });

    test('findProp: the first property of the key', async () => {
        const p = await processNamed('process P { owner "A"  lane support  owner "B" }', 'P');
        expect(findProp(p, 'owner')?.value).toBe('A');
        expect(findProp(p, 'sla')).toBeUndefined();
    });
});
