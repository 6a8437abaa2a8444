import { on } from './dom.js';
import { trackDwell } from './dwell.js';
import { watchEdits } from './edits.js';
import type { Capture, CaptureApi } from './types.js';

const ATTR = 'data-feedloop-interaction';
const MARK = `[${ATTR}]`;
/** The interaction a node is part of; a selection's anchor may be a text node, so its parent is asked then. */
const idOf = (node: Node | null | undefined) =>
  ((node as Element | undefined)?.closest ? (node as Element) : node?.parentElement)?.closest(MARK)?.getAttribute(ATTR);

/**
 * Implicit signals from markup, by event delegation on the document (so elements added later need
 * nothing) plus a MutationObserver for what must be observed per element (visibility).
 * Privacy: no page text is read except the lengths of copies and the marked edit fields.
 */
export function autocapture(api: CaptureApi): Capture {
  const dwell = trackDwell(api, ATTR);
  // `observe` skips what is not marked.
  const scan = (root: Element) => {
    for (const el of [root, ...root.querySelectorAll(MARK)]) dwell.observe(el);
  };
  const page = document.documentElement;
  scan(page);
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof Element) scan(n);
  }).observe(page, { childList: true, subtree: true });

  // Capture phase: a host handler that stops propagation must not hide the signal.
  on(
    'click',
    (e) => {
      const action = (e.target as Element).closest?.('[data-feedloop-action]');
      const id = idOf(action);
      // Found by that attribute, so an action has it.
      const type = action?.getAttribute('data-feedloop-action') as string;
      const next = action?.getAttribute('data-feedloop-new-interaction');
      // A copy button sends the length of what it copies; a regeneration names its replacement when known.
      const value =
        type === 'copy' ? action?.closest(MARK)?.textContent?.length : next ? { newInteractionId: next } : undefined;
      if (id && /^(copy|share|regenerate|accept|reject)$/.test(type)) api.track('implicit', type, id, value);
    },
    true,
  );
  on('copy', () => {
    const selection = getSelection();
    const id = idOf(selection?.anchorNode);
    // The copied length, never the text.
    if (id) api.track('implicit', 'copy', id, `${selection}`.length);
  });
  watchEdits(api);
  return dwell;
}
