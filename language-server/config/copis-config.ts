/**
 * What `copis.config.json` says about the model root it sits in (design.md, "Model roots and the
 * config file"). A root without the file, or a field the file gets wrong, has the defaults.
 */
import type { Code } from '../validation/codes.js';

/** The file that makes its folder a model root. */
export const CONFIG_FILE = 'copis.config.json';

export type RuleSetting = 'off' | 'information' | 'warning' | 'error';
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'information', 'warning', 'error'];

/** Codes a config cannot change: a file that does not parse, or a config that is wrong, must be fixed. */
export const FIXED_CODES: ReadonlySet<Code> = new Set<Code>(['syntax', 'invalid-config']);

export interface ConfigDuration {
    /** As written (`90d`). */
    text: string;
    seconds: number;
}

export interface CopisConfig {
    /** Globs of the model files, relative to the root (default `**\/*.copis`). */
    include: readonly string[];
    /** Globs of files and folders below the root that are not part of the model. */
    exclude: readonly string[];
    /** A severity per code, or `off`. */
    rules: Readonly<Partial<Record<Code, RuleSetting>>>;
    /** Globs of the CSV files of KPI actuals (language §7), relative to the root. */
    actuals: readonly string[];
    /** How old a KPI's latest actual may be before it is stale (language §7). */
    staleAfter: ConfigDuration;
}

export const DEFAULT_CONFIG: CopisConfig = Object.freeze({
    include: Object.freeze(['**/*.copis']),
    exclude: Object.freeze([]),
    rules: Object.freeze({}),
    actuals: Object.freeze([]),
    staleAfter: Object.freeze({ text: '90d', seconds: 90 * 86400 })
});
