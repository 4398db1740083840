/// <reference lib="dom" />
/** `copis site --serve`: the server says `reload` when the model changed and the site was built again. */
import { EVENTS_PATH } from './data.js';

export function startLiveReload(root: string): void {
    const events = new EventSource(`${root}${EVENTS_PATH}`);
    // A reload keeps history.state, where the journey page keeps its view, customer, zoom and scroll.
    events.addEventListener('reload', () => location.reload());
}
