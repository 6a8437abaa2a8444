import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRephrase, REPHRASE_THRESHOLD, rephraseSimilarity } from './rephrase-similarity.js';

/**
 * Consecutive prompts of one session, labelled by hand: `true` when the second asks the first question
 * again (restated, trimmed to keywords, or repeated as a retry), `false` when it moves on — a follow-up, a
 * refinement of the answer, a new question on a nearby subject, or a reply too short to be a question.
 */
const LABELLED: ReadonlyArray<readonly [string, string, boolean]> = [
  // Restatements and retries.
  ['how do I reset my password', 'password reset how?', true],
  ["what's the refund policy for damaged items", 'refund policy damaged item', true],
  ['How do I export my data to CSV?', 'export data as csv', true],
  ['Can you summarize this article in three bullet points?', 'summarize the article in 3 bullet points please', true],
  ['How do I cancel my subscription?', 'no, I mean how can I cancel the subscription', true],
  ['What are your opening hours on Sunday?', 'sunday opening hours?', true],
  ['how to change the billing address on my account', 'change billing address account', true],
  ["Translate 'good morning' into Spanish", 'how do you say good morning in spanish', true],
  ['Why is my invoice showing the wrong amount?', 'invoice shows wrong amount why', true],
  ['How do I add a new user to my team workspace?', 'add new user to team workspace', true],
  ['what is the difference between the pro and business plans', 'pro vs business plan difference', true],
  ['Write a SQL query that counts orders per customer', 'sql query to count orders for each customer', true],
  ["my package hasn't arrived yet, where is it?", "where is my package? it still hasn't arrived", true],
  ['how do i connect my bank account', 'connect bank account how', true],
  ['Is there a student discount?', 'do you offer discounts for students?', true],
  ['how do I delete my account', 'how do I delete my account', true],
  ['Explain recursion simply', 'can you explain recursion in simple terms', true],
  ["What's the weather in Paris tomorrow?", "tomorrow's weather forecast for paris", true],
  ['How long does shipping to Canada take?', 'shipping time to canada?', true],
  [
    'generate a cover letter for a junior data analyst role',
    'write a cover letter for a junior data analyst job',
    true,
  ],
  ['where can I download my invoices', 'download invoices where', true],
  ["Fix this Python error: KeyError 'name'", "python KeyError 'name' how to fix", true],
  ['what are the system requirements for the desktop app', 'desktop app system requirements?', true],
  ['how to upgrade my plan to premium', 'upgrade to the premium plan', true],
  ['can I change the delivery date of my order', 'change delivery date for order', true],
  ['list all endpoints of the orders API', 'orders api endpoints list', true],
  ['how many vacation days do I get per year', 'vacation days per year how many?', true],
  ['Comment réinitialiser mon mot de passe ?', 'réinitialiser mot de passe', true],
  ['wie kann ich meine Adresse ändern', 'Adresse ändern wie?', true],
  ['How do I integrate the SDK with a React app?', "that didn't work. how do I integrate the sdk into react", true],
  ['let me rephrase: I want to reset my password', 'how do I reset my password', true],
  ['reset 2FA on my phone', 'how can I reset two-factor authentication on my phone', true],
  ['how do I set up SSO with Okta', 'configure single sign-on with okta', true],
  // Moving on.
  ['how do I reset my password', 'thanks! and how do I change my email?', false],
  ['summarise this article', 'now summarise it in French', false],
  ["what's the refund policy for damaged items", 'ok, and how long does the refund take?', false],
  ['yes', 'yes', false],
  ['ok', 'ok thanks', false],
  ['continue', 'continue', false],
  ['no', "no, that's wrong", false],
  ['write a poem about cats', 'make it rhyme', false],
  ['How do I cancel my subscription?', 'will I get a refund for the remaining months?', false],
  ["Translate 'good morning' into Spanish", 'and into Italian?', false],
  ['what is the capital of Australia', 'what is its population', false],
  ['Write a SQL query that counts orders per customer', 'now add a filter for orders placed in 2024', false],
  ['Explain recursion simply', 'give me an example in JavaScript', false],
  ['how do I export my data to CSV?', 'how do I import data from Excel?', false],
  ['How do I add a new user to my team workspace?', 'how do I remove someone from the workspace?', false],
  ['Tell me a joke', 'another one', false],
  ["what's the weather in Paris tomorrow?", 'and in London?', false],
  ['generate a cover letter for a junior data analyst role', 'make it shorter and more formal', false],
  ["Fix this Python error: KeyError 'name'", 'it works now, thanks!', false],
  ['how many vacation days do I get per year', 'how do I request parental leave?', false],
  ['recommend a laptop for video editing under $1500', 'what about for gaming?', false],
  ['draft an email to my landlord about the broken heater', 'draft an email to my boss asking for a day off', false],
  ['what does error 503 mean', 'and what does a 404 mean', false],
  ['how do I connect my bank account', 'is my data safe with you?', false],
  ['convert 5 miles to kilometers', 'convert 10 pounds to kilograms', false],
  ['summarize the meeting notes', 'list the action items from the meeting notes', false],
  ["what's the price of the pro plan", 'does it include priority support?', false],
  ['Comment réinitialiser mon mot de passe ?', 'merci ! et comment changer mon adresse e-mail ?', false],
  ['write a haiku about autumn', 'now one about winter', false],
  ['how do I set up SSO with Okta', 'which SAML attributes do you need?', false],
  ['show me my last five orders', 'cancel the second one', false],
  ['What are your opening hours on Sunday?', 'do you have parking nearby?', false],
  ['Is there a student discount?', 'how do I verify my student status?', false],
];

describe('rephraseSimilarity', () => {
  it('separates restatements from follow-ups on the labelled pairs (precision and recall ≥ 0.9)', () => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const [a, b, label] of LABELLED) {
      const said = isRephrase(a, b);
      if (said && label) tp += 1;
      else if (said && !label) fp += 1;
      else if (!said && label) fn += 1;
      if (said !== label)
        wrong.push(`${label ? 'missed' : 'false alarm'} (${rephraseSimilarity(a, b).toFixed(2)}): ${a} → ${b}`);
    }
    const scores = (label: boolean) =>
      LABELLED.filter(([, , l]) => l === label).map(([a, b]) => rephraseSimilarity(a, b));
    console.log(
      `lowest rephrase ${Math.min(...scores(true)).toFixed(2)}, highest follow-up ${Math.max(...scores(false)).toFixed(2)}`,
      scores(true)
        .map((x) => x.toFixed(2))
        .join(' '),
      '|',
      scores(false)
        .map((x) => x.toFixed(2))
        .join(' '),
    );
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    console.log(
      `rephrase calibration: ${LABELLED.length} pairs, threshold ${REPHRASE_THRESHOLD}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}${wrong.length > 0 ? `\n  ${wrong.join('\n  ')}` : ''}`,
    );
    expect(LABELLED.length).toBeGreaterThanOrEqual(40);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
  });

  it('counts an identical prompt as a rephrase (a retry), but never a reply with no content', () => {
    expect(rephraseSimilarity('How do I delete my account?', 'How do I delete my account?')).toBe(1);
    expect(isRephrase('How do I delete my account?', 'how do i delete my account')).toBe(true);
    for (const short of ['yes', 'ok', 'no', 'thanks!', 'continue', 'go on', '?', '']) {
      expect(isRephrase(short, short)).toBe(false);
    }
  });

  it('reads scripts written without spaces', () => {
    expect(isRephrase('如何重置我的密码？', '怎么重置我的密码'), 'a near restatement').toBe(true);
    expect(isRephrase('如何重置我的密码', '今天天气怎么样')).toBe(false);
  });

  it('is symmetric, stays in [0, 1] and never throws, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const ab = rephraseSimilarity(a, b);
        expect(ab).toBe(rephraseSimilarity(b, a));
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(isRephrase(a, b)).toBe(isRephrase(b, a));
      }),
      { numRuns: 500 },
    );
  });

  it('scores a prompt against itself as 1 whenever it has any words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), (a) => {
        const self = rephraseSimilarity(a, a);
        expect(self === 0 || Math.abs(self - 1) < 1e-9).toBe(true);
      }),
    );
  });
});
