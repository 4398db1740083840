import { describe, expect, test } from 'vitest';
import { configDiagnostics } from '../../../language-server/config/config-diagnostics.js';
import { parseConfig } from '../../../language-server/config/parse-config.js';

describe('invalid-config', () => {
    test('each problem of a config file is an error on the file, at the text it is about', () => {
        const text = '{\n  "rules": { "stage-order": "loud" }\n}';
        const diagnostics = configDiagnostics(parseConfig(text).problems);
        const at = text.split('\n')[1].indexOf('"loud"');
        expect(diagnostics).toEqual([{
            range: { start: { line: 1, character: at }, end: { line: 1, character: at + '"loud"'.length } },
            message: 'The severity of `stage-order` must be one of "off", "information", "warning", "error"; this rule is ignored.',
            severity: 1, code: 'invalid-config', source: 'copis', data: { code: 'invalid-config' }
        }]);
        expect(configDiagnostics(parseConfig('{ "exclude": [] }').problems)).toEqual([]);
    });
});
