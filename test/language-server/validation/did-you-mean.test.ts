import { describe, expect, test } from 'vitest';
import { closestName, editDistance } from '../../../language-server/validation/did-you-mean.js';

describe('did you mean', () => {
    test('two neighbouring letters swapped are one edit', () => {
        expect(editDistance('hihg', 'high', 3)).toBe(1);
        expect(editDistance('cahnnel', 'channel', 3)).toBe(1);
        expect(editDistance('ab', 'ba', 3)).toBe(1);
    });

    test('insertions, deletions and substitutions count one each; no substring is edited twice', () => {
        expect(editDistance('chanel', 'channel', 3)).toBe(1);
        expect(editDistance('kitten', 'sitting', 3)).toBe(3);
        expect(editDistance('ca', 'abc', 3)).toBe(3);
        expect(editDistance('same', 'same', 0)).toBe(0);
    });

    test('past the limit, the distance is the limit + 1', () => {
        expect(editDistance('kitten', 'sitting', 1)).toBe(2);
        expect(editDistance('a', 'abcdef', 2)).toBe(3);
        expect(editDistance('abcdef', 'badcfe', 2)).toBe(3);
    });

    test('a swapped enum word finds the word meant', () => {
        expect(closestName('hihg', ['low', 'medium', 'high', 'critical'])).toBe('high');
        expect(closestName('meduim', ['low', 'medium', 'high', 'critical'])).toBe('medium');
        expect(closestName('xyzw', ['low', 'medium', 'high', 'critical'])).toBeUndefined();
    });
});
