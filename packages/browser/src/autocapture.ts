import { on } from './dom.js';
import { trackDwell } from './dwell.js';
import { watchEdits } from './edits.js';
import type { Capture, CaptureApi } from './types.js';

const MARK = '[data-feedloop-interaction]';
const idOf = (el: Element | null | undefined) => el?.closest(MARK)?.getAttribute('data-feedloop-interaction');

/**
 * Implicit signals from markup, by event delegation on the document (so elements added later need
 * nothing) plus a MutationObserver for what must be observed per element (visibility).
 * Privacy: no page text is read except the lengths of copies and the marked edit fields.
 */
export function autocapture(api: CaptureApi): Capture {
  const dwell = trackDwell(api);
  const scan = (root: Element) => {
    if (root.matches(MARK)) dwell.observe(root);
    for (const el of root.querySelectorAll(MARK)) dwell.observe(el);
  };
  scan(document.documentElement);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  }).observe(document.documentElement, { childList: true, subtree: true });

  // Capture phase: a host handler that stops propagation must not hide the signal.
  on(
    'click',
    (e) => {
      const action = e.target instanceof Element ? e.target.closest('[data-feedloop-action]') : null;
      const id = idOf(action);
      if (!action || !id) return;
      const type = action.getAttribute('data-feedloop-action') ?? '';
      const next = action.getAttribute('data-feedloop-new-interaction');
      // A copy button sends the length of what it copies; a regeneration names its replacement when known.
      const value =
        type === 'copy' ? action.closest(MARK)?.textContent?.length : next ? { newInteractionId: next } : undefined;
      if (/^(copy|share|regenerate|accept|reject)$/.test(type)) api.track('implicit', type, id, value);
    },
    true,
  );
  on('copy', () => {
    const selection = getSelection();
    const node = selection?.anchorNode;
    const id = idOf(node instanceof Element ? node : node?.parentElement);
    // The copied length, never the text.
    if (id && selection) api.track('implicit', 'copy', id, selection.toString().length);
  });
  watchEdits(api);
  return dwell;
}
