/**
 * `<feedloop-feedback interaction="…" token="…">`: thumbs always visible; after a thumb, an optional
 * rating and comment inline. Importing this module defines the element. State comes from the core
 * (`getState` + `subscribe`), so every widget for one interaction — and React — stays in step.
 */
import { comment, getState, rate, setToken, subscribe, thumbs } from './index.js';
import { TEMPLATE } from './widget-template.js';

const THANKS = 'Thanks!';

export class FeedloopFeedback extends HTMLElement {
  static observedAttributes = ['interaction', 'token'];
  #root = this.attachShadow({ mode: 'open' });
  #off?: () => void;

  constructor() {
    super();
    this.#root.innerHTML = TEMPLATE;
    this.#root.addEventListener('click', (e) => this.#click(e));
    this.#root.addEventListener('keydown', (e) => this.#arrows(e as KeyboardEvent));
    this.#root.querySelector('form')?.addEventListener('submit', (e) => {
      e.preventDefault();
      const box = this.#root.querySelector('textarea');
      if (box?.value.trim()) {
        comment(this.#id, box.value);
        box.value = '';
        this.#say('Thanks! Your comment was sent.');
      }
    });
  }

  get #id(): string {
    return this.getAttribute('interaction') ?? '';
  }

  connectedCallback() {
    this.#off ??= subscribe(() => this.#render());
    this.#render();
  }

  disconnectedCallback() {
    this.#off?.();
    this.#off = undefined;
  }

  attributeChangedCallback() {
    // Either attribute may arrive first (markup order, frameworks), so pair them whenever one changes.
    const token = this.getAttribute('token');
    if (token && this.#id) setToken(this.#id, token);
    this.#render();
  }

  #click(e: Event) {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    const v = button?.dataset.v;
    const s = Number(button?.dataset.s);
    if (v === 'up' || v === 'down') {
      thumbs(this.#id, v);
      this.#say(getState(this.#id).thumb ? THANKS : 'Feedback removed.');
    } else if (s >= 1 && s <= 5) {
      rate(this.#id, s as 1 | 2 | 3 | 4 | 5);
      this.#say(THANKS);
    }
  }

  /** Arrow keys move between the stars, as in a toolbar; Enter or Space chooses. */
  #arrows(e: KeyboardEvent) {
    const star = e.target instanceof HTMLElement ? e.target.closest('[data-s]') : null;
    const step =
      e.key === 'ArrowRight' || e.key === 'ArrowUp' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowDown' ? -1 : 0;
    const next = star && step ? (step > 0 ? star.nextElementSibling : star.previousElementSibling) : null;
    if (next instanceof HTMLElement) {
      e.preventDefault();
      next.focus();
    }
  }

  #say(text: string) {
    const status = this.#root.querySelector('.thanks');
    if (status) status.textContent = text;
  }

  #render() {
    const { thumb, rating, commented } = getState(this.#id);
    const q = (selector: string) => [...this.#root.querySelectorAll<HTMLElement>(selector)];
    for (const b of q('[data-v]')) b.setAttribute('aria-pressed', String((b.dataset.v === 'up' ? 1 : -1) === thumb));
    for (const b of q('[data-s]')) {
      const n = Number(b.dataset.s);
      b.setAttribute('aria-pressed', String(n === rating));
      b.classList.toggle('on', n <= (rating ?? 0));
    }
    for (const el of q('.more')) el.hidden = thumb === 0 && rating === null;
    for (const el of q('form')) el.hidden = commented;
  }
}

if (!customElements.get('feedloop-feedback')) customElements.define('feedloop-feedback', FeedloopFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'feedloop-feedback': FeedloopFeedback;
  }
}
