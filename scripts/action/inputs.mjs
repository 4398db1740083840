// The action's inputs (INPUT_* variables), read and checked: a wrong one fails the step with a message
// that says what to give instead.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fail, workspace } from './workflow.mjs';

export const MODES = ['validate', 'diff', 'site'];
export const FAIL_ON = ['introduced-errors', 'introduced-warnings'];

/** Which inputs belong to which mode: one given to another mode is a mistake, not something to ignore. */
const MODE_INPUTS = {
    validate: ['max-warnings', 'format-check', 'sarif'],
    diff: ['base', 'head', 'fail-on', 'diff-file'],
    site: ['site-dir', 'title']
};

/** An input as action.yml passes it: INPUT_ and the name in upper case, `-` as `_` (a name every shell passes on). */
export function input(name) {
    return (process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
}

/** `mode`: validate (default), diff or site; and no input of another mode set. */
export function mode() {
    const value = input('mode').toLowerCase() || 'validate';
    if (!MODES.includes(value)) fail(`mode must be ${MODES.join(', ')}; got "${value}"`);
    for (const [other, names] of Object.entries(MODE_INPUTS)) {
        if (other === value) continue;
        const given = names.filter(name => input(name) !== '' && !(name === 'format-check' && input(name).toLowerCase() === 'false'));
        if (given.length > 0) fail(`${given.join(', ')} ${given.length === 1 ? 'goes' : 'go'} with mode ${other}, not ${value}; leave ${given.length === 1 ? 'it' : 'them'} out, or set mode: ${other}`);
    }
    return value;
}

/**
 * `as-of` and `actuals`, for every mode: the options that say how KPIs are judged (`--name=value`, so a value
 * that starts with `-` is not an option). A date copis would refuse is refused here, with what to write.
 */
export function judging() {
    const asOf = input('as-of');
    if (asOf !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) fail(`as-of must be a date, YYYY-MM-DD (e.g. 2026-12-31), or empty for the day the job runs; got "${asOf}"`);
    const actuals = (input('actuals') || '').split(/\s+/).filter(Boolean);
    return [...(asOf === '' ? [] : [`--as-of=${asOf}`]), ...actuals.map(file => `--actuals=${file}`)];
}

/** `paths`: separated by spaces or new lines; none means `.`. */
export function splitPaths(value) {
    const paths = (value || '').split(/\s+/).filter(Boolean);
    return paths.length > 0 ? paths : ['.'];
}

/** `max-warnings`: empty for no limit, else a whole number. */
export function maxWarnings(value) {
    const text = (value || '').trim();
    if (text === '') return undefined;
    if (!/^\d+$/.test(text)) fail(`max-warnings must be a whole number (e.g. 0), or empty for no limit; got "${text}"`);
    return text;
}

export function isTrue(value, name = 'format-check') {
    const text = (value || '').trim().toLowerCase();
    if (text === '' || text === 'false') return false;
    if (text === 'true') return true;
    fail(`${name} must be true or false; got "${text}"`);
}

/** `fail-on`: empty, introduced-errors or introduced-warnings. */
export function failOn(value) {
    const text = (value || '').trim();
    if (text === '') return undefined;
    if (!FAIL_ON.includes(text)) fail(`fail-on must be ${FAIL_ON.join(' or ')}, or empty; got "${text}"`);
    return text;
}

/**
 * A revision given as an input: handed to git by copis as one argument, never through a shell; what
 * could read as an option or spans lines is refused here, with the message copis would give.
 */
export function revision(value, name) {
    const text = (value || '').trim();
    if (text === '') return undefined;
    if (text.startsWith('-') || /[\s\p{Cc}]/u.test(text)) fail(`${name} must be a git revision (a commit id, branch or tag, e.g. origin/main); got "${text}"`);
    return text;
}

/**
 * What npm installs: the action's own version when `version` is empty, a tarball or folder when it names
 * a path (relative to the workspace), else `copis@VERSION` for a version or range (no `npm:`, `git+…` or URL).
 */
export function packageSpec(version, actionPath) {
    const text = (version || '').trim();
    if (text === '') {
        const own = JSON.parse(readFileSync(join(actionPath, 'package.json'), 'utf8')).version;
        return `copis@${own}`;
    }
    if (text.endsWith('.tgz') || text.startsWith('.') || text.includes('/')) {
        const path = isAbsolute(text) ? text : resolve(workspace(), text);
        if (!existsSync(path)) fail(`version names ${text}, which does not exist in the workspace; give a version (e.g. 0.1.0) or the path of a copis-*.tgz`);
        return path;
    }
    if (!/^[\w.^~<>=*| -]+$/.test(text)) fail(`version must be a copis version or range (e.g. 0.1.0 or ^0.1), or the path of a copis-*.tgz; got "${text}"`);
    return `copis@${text}`;
}
