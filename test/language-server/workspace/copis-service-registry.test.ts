import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { createCopisCoreServices } from '../../../language-server/copis-module.js';

describe('the service registry', () => {
    const { shared, Copis } = createCopisCoreServices(EmptyFileSystem);

    test('any document the server holds is COPIS, whatever its name (an untitled buffer after it closed)', () => {
        expect(shared.ServiceRegistry.getServices(URI.parse('untitled:Untitled-1'))).toBe(Copis);
        expect(shared.ServiceRegistry.getServices(URI.parse('file:///models/journey.txt'))).toBe(Copis);
    });

    test('the workspace walk still loads only .copis files', () => {
        expect(shared.ServiceRegistry.hasServices(URI.parse('file:///models/journey.copis'))).toBe(true);
        expect(shared.ServiceRegistry.hasServices(URI.parse('file:///models/README.md'))).toBe(false);
        expect(shared.ServiceRegistry.hasServices(URI.parse('untitled:Untitled-1'))).toBe(false);
    });
});
