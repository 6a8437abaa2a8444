/**
 * STAND-IN MODEL — not an LLM. This example runs offline, so answers come from a few canned templates
 * picked by keyword; a regeneration picks the next template. Swap `standInAnswer` for a real model call
 * (and log what it returns the same way) in your app.
 */
export const STAND_IN_MODEL = { model: 'stand-in', modelVersion: 'canned-1' };

const ANSWERS = [
  {
    keywords: ['password', 'reset', 'login'],
    replies: [
      'Go to Settings → Security and choose "Reset password". We email you a link that works for one hour.',
      'Open the sign-in page, pick "Forgot password?", and follow the link we email you.',
    ],
  },
  {
    keywords: ['invoice', 'bill', 'payment', 'refund'],
    replies: [
      'Invoices are under Billing → History; each one can be downloaded as a PDF.',
      'Open Billing, then History: every invoice has a download button, and refunds show there too.',
    ],
  },
];
const FALLBACK = [
  'I am a stand-in model with canned answers, so I can only say: try Settings, or ask about passwords or invoices.',
  'This is a canned reply from the stand-in model. Ask about a password reset or an invoice to see a real-looking answer.',
];

/** A canned answer for the question; `attempt` (0 for the first answer) picks an alternative. */
export function standInAnswer(question, attempt = 0) {
  const text = String(question).toLowerCase();
  const topic = ANSWERS.find((a) => a.keywords.some((k) => text.includes(k)));
  const replies = topic ? topic.replies : FALLBACK;
  return replies[attempt % replies.length];
}
