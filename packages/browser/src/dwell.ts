import type { Capture, CaptureApi } from './types.js';

/** Dwell shorter than this is a glance, not reading. */
export const MIN_DWELL_MS = 1000;

interface Seen {
  id: string;
  ms: number;
  since?: number;
  inView?: boolean;
}

/**
 * Dwell and abandonment for elements marked `data-feedloop-interaction`. Time counts only while the
 * element is at least half visible AND the tab is visible. One dwell signal per interaction, when it
 * leaves view or the page hides; one abandon signal when the page hides after a response was shown and
 * nothing else was said about it.
 */
export function trackDwell(api: CaptureApi): Capture & { observe(el: Element): void } {
  const seen = new Map<Element, Seen>();
  const done = new Set<string>();
  const pause = (s: Seen) => {
    if (s.since !== undefined) s.ms += Date.now() - s.since;
    s.since = undefined;
  };
  const send = (s: Seen) => {
    if (s.ms >= MIN_DWELL_MS && !done.has(s.id)) {
      done.add(s.id);
      api.track('implicit', 'dwell', s.id, s.ms);
    }
  };
  const io = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const s = seen.get(entry.target);
        if (!s) continue;
        s.inView = entry.isIntersecting && entry.intersectionRatio >= 0.5;
        if (!s.inView) {
          pause(s);
          send(s);
        } else if (!document.hidden) s.since ??= Date.now();
      }
    },
    { threshold: 0.5 },
  );
  return {
    observe(el) {
      const id = el.getAttribute('data-feedloop-interaction');
      if (id && !seen.has(el)) {
        seen.set(el, { id, ms: 0 });
        io.observe(el);
      }
    },
    hide() {
      for (const s of seen.values()) {
        const shown = s.ms > 0 || s.since !== undefined;
        pause(s);
        send(s);
        if (shown && !api.engaged(s.id) && !done.has(`!${s.id}`)) {
          done.add(`!${s.id}`);
          api.track('implicit', 'abandon', s.id);
        }
      }
    },
    show() {
      for (const s of seen.values()) if (s.inView) s.since ??= Date.now();
    },
  };
}
