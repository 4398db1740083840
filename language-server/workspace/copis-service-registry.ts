/**
 * Langium finds a document's language by its open editor's language id, else by its file
 * extension. A `.copis` model in an editor without that extension (an untitled buffer, a file
 * the user set to COPIS by hand) loses both once it closes, and the lookup throws in the middle
 * of the build that removes it: the server went down. This server serves one language, so any
 * document it holds is COPIS. Which files of a folder to load stays decided by extension.
 */
import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';

export class CopisServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        try {
            return super.getServices(uri);
        } catch (error) {
            const [only, ...others] = this.all;
            if (only && others.length === 0) return only;
            throw error;
        }
    }

    /** Whether the workspace walk loads this file: by its name and extension only, as before. */
    override hasServices(uri: URI): boolean {
        try {
            super.getServices(uri);
            return true;
        } catch {
            return false;
        }
    }
}
