// The mouse on the map: drag to pan (a press that moves less than 4 px is a click), hover to see
// a hex and the path to it, the wheel to zoom about the pointer.
import { app, setHover } from '../app-state.ts';
import { refreshInteraction } from '../choices.ts';
import { $ } from '../dom.ts';
import { view } from '../services.ts';
import { hoverText } from './hover-text.ts';
import { onMapClick } from './map-click.ts';

type Press = { x: number; y: number; cx: number; cy: number; moved: boolean; id: number };

export function bindMapPointer(el: HTMLElement): void {
  let down: Press | null = null;
  el.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    down = { x: e.clientX, y: e.clientY, cx: e.clientX, cy: e.clientY, moved: false, id: e.pointerId };
    el.setPointerCapture(e.pointerId);
  });
  el.addEventListener('pointermove', (e) => {
    if (down && down.id === e.pointerId) { drag(el, down, e); return; }
    const r = el.getBoundingClientRect();
    hoverHex(view.hexAt(e.clientX - r.left, e.clientY - r.top));
  });
  el.addEventListener('pointerup', (e) => {
    if (!down || down.id !== e.pointerId) return;
    const r = el.getBoundingClientRect();
    if (!down.moved) onMapClick(e.clientX - r.left, e.clientY - r.top, e.shiftKey);
    el.classList.remove('dragging');
    down = null;
  });
  el.addEventListener('pointerleave', () => { if (!down) hoverHex(-1, true); });
  el.addEventListener('wheel', (e) => {
    e.preventDefault();
    const r = el.getBoundingClientRect();
    const dy = e.deltaMode === 1 ? e.deltaY * 33 : e.deltaY;
    view.zoomAt(e.clientX - r.left, e.clientY - r.top, Math.pow(1.0018, -dy));
  }, { passive: false });
}

function drag(el: HTMLElement, down: Press, e: PointerEvent): void {
  if (!down.moved && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 4) { down.moved = true; el.classList.add('dragging'); }
  if (down.moved) { view.panBy(e.clientX - down.cx, e.clientY - down.cy); down.cx = e.clientX; down.cy = e.clientY; }
}

/** Only the path preview and the hover outline depend on the hovered hex. */
function hoverHex(h: number, always = false): void {
  if (h === app.hover && !always) return;
  setHover(h);
  $('hover-info').textContent = hoverText(h);
  refreshInteraction();
}
