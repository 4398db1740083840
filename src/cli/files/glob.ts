import picomatch from 'picomatch/posix';

export { glob, isDynamicPattern } from 'tinyglobby';

/** The folder a pattern matches from: its part before the first wildcard (`models` of `models/**\/*.copis`). */
export function globBase(pattern: string): string {
    return picomatch.scan(pattern).base;
}
