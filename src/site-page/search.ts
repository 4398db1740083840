/// <reference lib="dom" />
/**
 * Search over every element's name and title, from the prebuilt index (assets/search-index.js, loaded
 * the first time the box is used: a script of the site's folder, which `file://` allows where a fetch
 * would not be). Results are links to the page that shows each element.
 */
import { SEARCH_GLOBAL, SEARCH_INDEX_PATH, type SearchEntry, type SearchIndex } from './data.js';

export const MAX_RESULTS = 20;

/** Lower case, without accents: `Café` finds `cafe`. */
export function fold(text: string): string {
    return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The entries that hold every word of `query` in their name, title, id, kind or journey, best first: the
 * name or title equal to the query, then starting with it, then a word of the title starting with it,
 * then anywhere; ties by title and id.
 */
export function search(entries: readonly SearchEntry[], query: string): SearchEntry[] {
    const q = fold(query.trim());
    if (!q) return [];
    const words = q.split(/\s+/);
    const scored: Array<{ entry: SearchEntry; score: number; label: string }> = [];
    for (const entry of entries) {
        const [kind, name, id, label, where] = entry;
        const n = fold(name);
        const l = fold(label);
        const all = `${n} ${l} ${fold(id)} ${fold(kind)} ${fold(where)}`;
        if (!words.every(w => all.includes(w))) continue;
        const score = n === q || l === q ? 0
            : n.startsWith(q) || l.startsWith(q) ? 1
                : l.split(/[^\p{L}\p{N}]+/u).some(w => w.startsWith(words[0])) ? 2
                    : 3;
        scored.push({ entry, score, label: l });
    }
    scored.sort((a, b) => a.score - b.score || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0) || (a.entry[2] < b.entry[2] ? -1 : a.entry[2] > b.entry[2] ? 1 : 0));
    return scored.map(s => s.entry);
}

export function startSearch(doc: Document, root: string): void {
    const box = doc.querySelector<HTMLElement>('.search');
    const input = doc.getElementById('site-search') as HTMLInputElement | null;
    const list = doc.getElementById('search-results') as HTMLUListElement | null;
    if (!box || !input || !list) return;
    box.hidden = false;
    let index: Promise<SearchIndex | undefined> | undefined;
    let selected = -1;

    const load = () => index ??= new Promise(done => {
        const script = doc.createElement('script');
        script.src = `${root}${SEARCH_INDEX_PATH}`;
        script.addEventListener('load', () => done((window as unknown as Record<string, SearchIndex | undefined>)[SEARCH_GLOBAL]));
        script.addEventListener('error', () => done(undefined));
        doc.head.append(script);
    });
    const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];
    const close = () => {
        list.hidden = true;
        input.setAttribute('aria-expanded', 'false');
        selected = -1;
    };
    const select = (i: number) => {
        const all = links();
        if (all.length === 0) return;
        selected = (i + all.length) % all.length;
        all.forEach((a, k) => a.setAttribute('aria-selected', String(k === selected)));
        all[selected].scrollIntoView({ block: 'nearest' });
    };
    const show = async () => {
        const query = input.value;
        const loaded = await load();
        if (query !== input.value) return; // typed on meanwhile
        list.replaceChildren();
        selected = -1;
        if (!query.trim()) return close();
        if (!loaded) {
            list.append(item(doc, 'The search index could not be loaded.'));
        } else {
            const found = search(loaded.entries, query);
            for (const entry of found.slice(0, MAX_RESULTS)) list.append(result(doc, root, entry));
            if (found.length === 0) list.append(item(doc, 'Nothing found.'));
            if (found.length > MAX_RESULTS) list.append(item(doc, `${found.length - MAX_RESULTS} more: type more of the name.`));
        }
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
    };

    input.addEventListener('focus', () => void load());
    input.addEventListener('input', () => void show());
    input.addEventListener('keydown', event => {
        if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            if (list.hidden) void show();
            select(selected + (event.key === 'ArrowDown' ? 1 : -1));
        } else if (event.key === 'Enter') {
            const target = links()[selected < 0 ? 0 : selected];
            if (target) {
                event.preventDefault();
                target.click();
            }
        } else if (event.key === 'Escape') {
            close();
        }
    });
    doc.addEventListener('click', event => {
        if (!(event.target instanceof Node) || !box.contains(event.target)) close();
    });
    // A result on the same page changes only the fragment: close the list.
    list.addEventListener('click', event => {
        if (event.target instanceof Element && event.target.closest('a')) close();
    });
}

function item(doc: Document, text: string): HTMLLIElement {
    const li = doc.createElement('li');
    li.className = 'empty';
    li.textContent = text;
    return li;
}

/** One result, as text only: kind, title, and name and journey. */
function result(doc: Document, root: string, [kind, name, , label, where, href]: SearchEntry): HTMLLIElement {
    const li = doc.createElement('li');
    const target = doc.createElement(href ? 'a' : 'span');
    if (target instanceof HTMLAnchorElement) {
        target.href = `${root}${href}`;
        target.setAttribute('role', 'option');
    } else {
        li.className = 'empty';
        target.title = 'No page shows it (nothing uses it).';
    }
    const kindSpan = doc.createElement('span');
    kindSpan.className = 'kind';
    kindSpan.textContent = kind;
    const whereSpan = doc.createElement('span');
    whereSpan.className = 'where';
    whereSpan.textContent = ` · ${name}${where ? ` · ${where}` : ''}`;
    target.append(kindSpan, doc.createTextNode(label), whereSpan);
    li.append(target);
    return li;
}
