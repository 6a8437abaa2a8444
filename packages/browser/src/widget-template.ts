/** The widget's shadow DOM: markup and styles only. Theming goes through `--feedloop-*` properties. */
const css = `
:host{--a:var(--feedloop-accent,#1d4ed8);--b:var(--feedloop-border,color-mix(in srgb,currentColor 35%,transparent));
--r:var(--feedloop-radius,8px);display:inline-block;color:var(--feedloop-fg,inherit);font:inherit;
font-family:var(--feedloop-font,inherit);font-size:14px}
@media (prefers-color-scheme:dark){:host{--a:var(--feedloop-accent,#93c5fd)}}
[hidden]{display:none!important}
.w{display:flex;flex-direction:column;gap:8px;padding:6px;border-radius:var(--r);background:var(--feedloop-bg,transparent)}
.row{display:flex;align-items:center;gap:6px;flex-wrap:wrap}
button,textarea{font:inherit;color:inherit;border:1px solid var(--b);border-radius:var(--r);background:transparent}
button{cursor:pointer;min-width:32px;min-height:32px;padding:2px 8px;line-height:1}
button:hover{border-color:var(--a)}
button:focus-visible,textarea:focus-visible{outline:2px solid var(--a);outline-offset:2px}
button[aria-pressed=true]{border-color:var(--a);color:var(--a);background:color-mix(in srgb,var(--a) 14%,transparent)}
svg{width:16px;height:16px;vertical-align:middle;fill:none;stroke:currentColor;stroke-width:2}
[aria-pressed=true] svg{fill:currentColor}
.stars button{border-color:transparent;font-size:18px;min-width:28px;padding:2px}
.stars .on{color:var(--a)}
textarea{display:block;width:100%;box-sizing:border-box;min-height:56px;padding:6px;resize:vertical;
background:var(--feedloop-bg,transparent)}
label{display:block;margin-bottom:4px;opacity:.85}
.send{margin-top:6px;background:var(--a);border-color:var(--a);color:var(--feedloop-bg,Canvas)}
.thanks{min-height:1em;opacity:.85}`;

const thumb = (d: string) => `<svg viewBox="0 0 24 24" aria-hidden="true"><path d="${d}"/></svg>`;
const UP = 'M7 10v11H3V10zm0 0 4-8a3 3 0 0 1 3 3v4h6a2 2 0 0 1 2 2l-2 8a2 2 0 0 1-2 2H7';
const DOWN = 'M17 14V3h4v11zm0 0-4 8a3 3 0 0 1-3-3v-4H4a2 2 0 0 1-2-2l2-8a2 2 0 0 1 2-2h11';

export const TEMPLATE = `<style>${css}</style><div class="w" part="container">
<div class="row"><button class="t" data-v="up" aria-pressed="false" aria-label="Good response" part="button">${thumb(UP)}</button>
<button class="t" data-v="down" aria-pressed="false" aria-label="Bad response" part="button">${thumb(DOWN)}</button>
<span class="thanks" role="status" aria-live="polite"></span></div>
<div class="more" hidden><div class="row stars" role="group" aria-label="Rate this response">${[1, 2, 3, 4, 5]
  .map((n) => `<button data-s="${n}" aria-pressed="false" aria-label="${n} star${n > 1 ? 's' : ''}">★</button>`)
  .join('')}</div>
<form class="c"><label for="c">Tell us more (optional)</label><textarea id="c" name="c" maxlength="4000"></textarea>
<button class="send" type="submit" part="button">Send</button></form></div></div>`;
