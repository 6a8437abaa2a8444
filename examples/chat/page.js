/**
 * The chat page. The browser SDK does the capturing from markup: `data-feedloop-interaction` on each
 * answer (dwell, abandonment), `data-feedloop-action` on its buttons (copy, regenerate, accept),
 * `data-feedloop-final` on its editable text (edit-to-final), and `<feedloop-feedback>` for thumbs, rating
 * and comment. This file only does what the app itself does: ask, show, copy, accept.
 */
import { init, setToken } from '@feedloop/browser';
import '@feedloop/browser/widget';

const config = JSON.parse(document.getElementById('feedloop-config').textContent);
init({
  endpoint: config.endpoint,
  publicKey: config.publicKey,
  user: config.user,
  flushIntervalMs: config.flushIntervalMs,
});

const conversation = document.getElementById('conversation');
// Ids are chosen here, so a regenerate button can name the answer it will produce before it is clicked.
const newId = () => `int_${crypto.randomUUID()}`;

async function ask(question, { id = newId(), parentId } = {}) {
  const response = await fetch('/api/answer', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question, id, parentId }),
  });
  if (!response.ok) throw new Error(`The chat server answered ${response.status}`);
  const answer = await response.json();
  // Every signal about this answer carries the token the server minted for it.
  setToken(answer.interactionId, answer.token);
  conversation.append(render(question, answer));
}

function el(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function render(question, { interactionId, answer, token, model }) {
  const article = el('article', { class: 'answer', 'data-feedloop-interaction': interactionId });
  article.append(el('p', { class: 'model' }, `Answer from the ${model} model (canned, not an LLM) to: ${question}`));
  const text = el('textarea', { 'data-feedloop-final': interactionId, 'aria-label': 'Answer (editable)' });
  text.value = answer;
  const actions = el('div', { class: 'actions' });
  const copy = el('button', { type: 'button', 'data-feedloop-action': 'copy' }, 'Copy');
  const next = newId();
  const regenerate = el(
    'button',
    { type: 'button', 'data-feedloop-action': 'regenerate', 'data-feedloop-new-interaction': next },
    'Regenerate',
  );
  const accept = el('button', { type: 'button', 'data-feedloop-action': 'accept' }, 'Use this answer');
  copy.addEventListener('click', () => navigator.clipboard?.writeText(text.value).catch(() => {}));
  regenerate.addEventListener('click', () => {
    regenerate.disabled = true;
    ask(question, { id: next, parentId: interactionId }).catch(showError);
  });
  accept.addEventListener('click', () => {
    accept.textContent = 'Used ✓';
    accept.disabled = true;
  });
  actions.append(copy, regenerate, accept);
  const feedback = el('feedloop-feedback', { interaction: interactionId, token });
  article.append(text, actions, feedback);
  return article;
}

function showError(error) {
  conversation.append(el('p', { role: 'alert' }, String(error.message ?? error)));
}

document.getElementById('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = event.currentTarget.elements.namedItem('question');
  const question = input.value.trim();
  if (!question) return;
  input.value = '';
  ask(question).catch(showError);
});
