import { on } from './dom.js';
import type { CaptureApi } from './types.js';

/** Wait this long after blur, so a quick refocus (e.g. a click on the field's own toolbar) settles first. */
const SETTLE_MS = 300;
const FINAL = 'data-feedloop-final';

/**
 * Edit-to-final: a host field marked `data-feedloop-final="<interaction id>"` (a textarea, input or
 * contenteditable). When the user leaves it changed, its final text is sent once as an `edit`, with
 * the text it had on first focus as `metadata.original`. Sending only what differs from the last
 * sent text makes repeated blurs harmless, without a timer per field.
 */
export function watchEdits(api: CaptureApi): void {
  // Per field: [text on first focus, last text sent].
  const texts = new WeakMap<Element, [string, string?]>();
  // Event targets may be the document or the window, which have no `closest`.
  const field = (e: Event) => (e.target as Element).closest?.(`[${FINAL}]`);
  const text = (el: Element) => ('value' in el ? (el as HTMLInputElement).value : (el.textContent ?? ''));

  on('focusin', (e) => {
    const el = field(e);
    if (el && !texts.has(el)) texts.set(el, [text(el)]);
  });
  // focusout covers textareas, inputs and contenteditable alike (contenteditable fires no change).
  on('focusout', (e) => {
    const el = field(e);
    setTimeout(() => {
      const seen = el && texts.get(el);
      const id = el?.getAttribute(FINAL);
      if (!seen || !id || el === document.activeElement) return;
      const value = text(el);
      if (value !== seen[0] && value !== seen[1]) {
        seen[1] = value;
        api.track('correction', 'edit', id, value, { original: seen[0] });
      }
    }, SETTLE_MS);
  });
}
