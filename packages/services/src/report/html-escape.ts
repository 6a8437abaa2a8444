/**
 * Escaping for the HTML report. Every value from the data (project names, dimension values, document
 * ids, verdicts) reaches the page through `html`, which escapes whatever is not already `SafeHtml`, so
 * forgetting to escape takes a deliberate `trustedHtml(...)`, not an omission.
 */

/** Markup that was built by `html` (or is a literal of ours): inserted as is. */
export class SafeHtml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML text or attribute value (quotes included, so it is safe inside `"…"` and `'…'`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function toMarkup(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.markup;
  if (Array.isArray(value)) return value.map((v: SafeHtml) => v.markup).join('');
  return escapeHtml(String(value));
}

/**
 * A template tag that escapes every interpolated value that is not `SafeHtml`.
 *
 * @example
 * html`<td>${cohort.value}</td>` // "<script>" in the value arrives as "&lt;script&gt;"
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let markup = strings[0]!;
  values.forEach((value, i) => {
    markup += toMarkup(value) + strings[i + 1]!;
  });
  return new SafeHtml(markup);
}

/** A fixed piece of our own markup (never data). */
export const trustedHtml = (markup: string): SafeHtml => new SafeHtml(markup);
