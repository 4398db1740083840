/// <reference lib="dom" />
/** Drag to pan the diagram (the preview scrolls with the wheel and the scroll bars; a page is used with a mouse too). */

/** Pixels the pointer must move before a press is a drag, not a click. */
const DRAG_THRESHOLD = 4;

export function enablePanning(viewport: HTMLElement): void {
    let start: { x: number; y: number; left: number; top: number; id: number } | undefined;
    let dragged = false;
    viewport.addEventListener('pointerdown', event => {
        if (event.button !== 0 || event.pointerType === 'touch') return;
        start = { x: event.clientX, y: event.clientY, left: viewport.scrollLeft, top: viewport.scrollTop, id: event.pointerId };
        dragged = false;
    });
    viewport.addEventListener('pointermove', event => {
        if (!start || event.pointerId !== start.id) return;
        const dx = event.clientX - start.x;
        const dy = event.clientY - start.y;
        if (!dragged && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        if (!dragged) {
            dragged = true;
            viewport.setPointerCapture(event.pointerId);
            viewport.classList.add('panning');
        }
        viewport.scrollLeft = start.left - dx;
        viewport.scrollTop = start.top - dy;
    });
    const end = (event: PointerEvent) => {
        if (!start || event.pointerId !== start.id) return;
        start = undefined;
        viewport.classList.remove('panning');
        if (viewport.hasPointerCapture(event.pointerId)) viewport.releasePointerCapture(event.pointerId);
    };
    viewport.addEventListener('pointerup', end);
    viewport.addEventListener('pointercancel', end);
    // A drag ends with a click on whatever is under the pointer: that click is not a click on an element.
    viewport.addEventListener('click', event => {
        if (!dragged) return;
        dragged = false;
        event.stopPropagation();
        event.preventDefault();
    }, true);
}
