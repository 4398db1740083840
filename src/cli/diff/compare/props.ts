import type { Entry, Prop } from './entries.js';
import type { Renames } from './renames.js';

/** Two values of one property, the BASE one seen through the renames (a reference to a renamed element is unchanged). */
export function sameProp(base: Prop, head: Prop, renames: Renames): boolean {
    if (base.type === 'value' && head.type === 'value') return base.canon === head.canon;
    if (base.type === 'refs' && head.type === 'refs') {
        if (base.ids.length !== head.ids.length) return false;
        const now = new Set(base.ids.map(id => renames.translate(id)));
        return head.ids.every(id => now.has(id));
    }
    return false;
}

/** Whether `entry`'s `property` is what it inherits (a touchpoint's customers are its journey's), in its own revision. */
export function isInherited(entry: Entry, property: string, entries: Map<string, Entry>): boolean {
    const sourceKey = entry.inherits.get(property);
    if (sourceKey === undefined) return false;
    const source = entries.get(sourceKey);
    if (!source) return false;
    const own = entry.props.get(property);
    const inherited = source.props.get(property);
    if (own === undefined || inherited === undefined) return own === inherited;
    return own.type === 'refs' && inherited.type === 'refs' && own.ids.length === inherited.ids.length && own.ids.every((id, i) => id === inherited.ids[i]);
}
