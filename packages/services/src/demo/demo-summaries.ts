/**
 * Summaries: meeting notes, incident reviews, customer calls and quarterly updates made from slots, so
 * every document differs, and summaries that keep to the facts or fail: a wall of text, numbers that are
 * not in the document, a refusal, the point missed.
 */
import type { Draft, Drafter } from './demo-draft.js';
import type { DemoRandom } from './demo-random.js';
import type { DemoLanguage, FailureTheme } from './demo-world.js';

const PEOPLE = ['Priya', 'Jonas', 'Mei', 'Carlos', 'Amara', 'Lukas', 'Sofia', 'Kenji', 'Hannah', 'Omar'];
const TEAMS = ['Payments', 'Growth', 'Platform', 'Mobile', 'Data', 'Support Ops'];
const SERVICES = ['checkout API', 'search index', 'login service', 'webhook dispatcher', 'billing worker'];
const CUSTOMERS = ['Vantage Foods', 'Helios Energy', 'Bluefin Media', 'Kestrel Bank', 'Orchard Health'];

const INSTRUCTIONS: Record<DemoLanguage, readonly string[]> = {
  en: [
    'Summarize this in 3 bullet points:',
    'Give me the key points of this document as bullets.',
    'tl;dr this for me (bullets please)',
    'Summarise for my manager, 3 bullets max:',
  ],
  de: ['Fasse das folgende Dokument in 3 Stichpunkten zusammen:'],
  fr: ['Résume ce document en 3 points :'],
  es: ['Resume este documento en 3 viñetas:'],
  ja: ['次の文書を3つの箇条書きで要約してください:'],
};

/** A document, the three facts a good summary keeps, and a detail a poor one dwells on. */
interface SourceDocument {
  kind: string;
  text: string;
  points: [string, string, string];
  trivia: string;
}

function meetingNotes(random: DemoRandom): SourceDocument {
  const [lead, owner, other] = random.sample(PEOPLE, 3) as [string, string, string];
  const team = random.pick(TEAMS);
  const metric = random.pick(['activation', 'conversion', 'weekly retention', 'ticket deflection']);
  const value = random.int(12, 68);
  const decision = random.pick([
    'ship the new onboarding flow behind a flag',
    'pause the pricing experiment until after the holidays',
    'move the launch to the second week of the month',
    'drop Internet Explorer support',
  ]);
  const action = random.pick([
    'write the rollout plan',
    'share the dashboard',
    'talk to legal',
    'book the design review',
  ]);
  const day = random.pick(['Monday', 'Wednesday', 'Friday']);
  return {
    kind: 'meeting notes',
    text: [
      `${team} weekly sync`,
      `Attendees: ${lead}, ${owner}, ${other}`,
      `- ${lead} reported ${metric} at ${value}% (target ${value + random.int(3, 9)}%).`,
      `- Long discussion about the office coffee machine; no conclusion.`,
      `- Decision: ${decision}.`,
      `- ${owner} will ${action} by ${day}.`,
    ].join('\n'),
    points: [`${metric} is at ${value}%, below target`, `decided to ${decision}`, `${owner} to ${action} by ${day}`],
    trivia: 'the team discussed the office coffee machine',
  };
}

function incidentReview(random: DemoRandom): SourceDocument {
  const service = random.pick(SERVICES);
  const minutes = random.int(8, 95);
  const failed = random.int(2, 40);
  const cause = random.pick([
    'an expired TLS certificate on the internal load balancer',
    'a migration that locked the orders table',
    'a config change that halved the connection pool',
    'a retry storm after a dependency slowed down',
  ]);
  const fix = random.pick([
    'rolled back the deploy',
    'renewed the certificate',
    'raised the pool size',
    'added a circuit breaker',
  ]);
  return {
    kind: 'incident review',
    text: [
      `Incident INC-${random.int(1000, 9999)}: ${service} degraded`,
      `Duration: ${minutes} minutes. Impact: ${failed}% of requests failed.`,
      `Root cause: ${cause}.`,
      `Mitigation: the on-call engineer ${fix}.`,
      `Follow-ups: add an alert on error rate, and a runbook entry.`,
      `The incident channel had 140 messages, mostly status pings.`,
    ].join('\n'),
    points: [
      `${service} degraded for ${minutes} minutes, ${failed}% of requests failed`,
      `root cause: ${cause}`,
      `fixed: ${fix}; follow-ups are an error-rate alert and a runbook entry`,
    ],
    trivia: 'the incident channel had 140 messages',
  };
}

function customerCall(random: DemoRandom): SourceDocument {
  const customer = random.pick(CUSTOMERS);
  const seats = random.int(3, 60) * 10;
  const pain = random.pick(['slow exports', 'missing SSO for contractors', 'confusing invoices', 'no audit log']);
  const ask = random.pick([
    'a sandbox workspace',
    'SCIM provisioning',
    'a discount for a 2-year term',
    'an EU data region',
  ]);
  const months = random.int(2, 9);
  return {
    kind: 'call notes',
    text: [
      `Call with ${customer} (Head of IT). They have ${seats} seats.`,
      `Main pain point: ${pain}. They asked for ${ask}.`,
      `Renewal is in ${months} months; they are also evaluating a competitor.`,
      `Small talk about the weather in Lisbon at the start.`,
    ].join('\n'),
    points: [
      `${customer}: ${seats} seats, pain point is ${pain}`,
      `asked for ${ask}`,
      `renewal in ${months} months, competitor in the running`,
    ],
    trivia: 'they talked about the weather in Lisbon',
  };
}

function quarterlyUpdate(random: DemoRandom): SourceDocument {
  const quarter = random.int(1, 4);
  const revenue = (random.int(18, 95) / 10).toFixed(1);
  const growth = random.int(2, 19);
  const churn = (random.int(8, 35) / 10).toFixed(1);
  const plan = random.pick([
    'launch the EU region',
    'hire 6 engineers',
    'ship the mobile app',
    'cut infra costs by 15%',
  ]);
  return {
    kind: 'quarterly update',
    text: [
      `Q${quarter} update`,
      `Revenue $${revenue}M (+${growth}% quarter over quarter). Churn ${churn}%.`,
      `Highlights: two enterprise logos signed; support response time halved.`,
      `Next quarter we will ${plan}.`,
      `The offsite will be in Porto.`,
    ].join('\n'),
    points: [
      `revenue $${revenue}M, up ${growth}%, churn ${churn}%`,
      'two enterprise customers signed, support twice as fast',
      `next: ${plan}`,
    ],
    trivia: 'the offsite will be in Porto',
  };
}

const DOCUMENTS = [meetingNotes, incidentReview, customerCall, quarterlyUpdate];

/** Every figure in the text multiplied by a factor: the summary of a different reality. */
function inventNumbers(random: DemoRandom, text: string): string {
  const factor = random.pick([3, 7, 10, 0.5]);
  let changed = false;
  const out = text.replace(/\d+(\.\d+)?/g, (n) => {
    if (changed && random.chance(0.5)) return n;
    changed = true;
    const value = Number(n) * factor;
    return Number.isInteger(Number(n)) ? String(Math.round(value)) : value.toFixed(1);
  });
  return changed ? out : `${out} (up ${random.int(120, 400)}% year over year)`;
}

function summary(random: DemoRandom, doc: SourceDocument, theme: FailureTheme | null): string {
  const bullets = doc.points.map((p) => `- ${p.charAt(0).toUpperCase()}${p.slice(1)}`);
  switch (theme) {
    case 'wrong-format':
      return `This ${doc.kind} covers several topics. ${doc.points.map((p) => `${p.charAt(0).toUpperCase()}${p.slice(1)}.`).join(' ')} Overall it is a useful document.`;
    case 'too-verbose':
      return [
        `Certainly! Here is a comprehensive summary of the ${doc.kind} you shared. I have tried to capture every relevant detail so that nothing important is lost.`,
        ...bullets,
        `- Additionally, ${doc.trivia}`,
        `- It is also worth noting the general context and the people involved`,
        `- The document is structured in several sections, each covering a different aspect`,
        `- Some points may require further discussion`,
        `In summary, the ${doc.kind} covers a range of topics that are relevant to the team, and it is recommended to read the full document for all the nuances.`,
      ].join('\n');
    case 'hallucinated-numbers':
      return bullets.map((b) => inventNumbers(random, b)).join('\n');
    case 'refused-incorrectly':
      return random.pick([
        "I'm sorry, but I can't summarize documents that may contain confidential business information.",
        'I cannot help with this request.',
      ]);
    case 'outdated-info':
      return [
        ...bullets.slice(0, 2),
        '- (Based on the previous version of this document; figures may have changed)',
      ].join('\n');
    case 'wrong-answer':
    case 'broken-citations':
    case 'buggy-code':
      return [
        `- ${doc.trivia.charAt(0).toUpperCase()}${doc.trivia.slice(1)}`,
        bullets[0] ?? '',
        '- No decisions were made',
      ].join('\n');
    case null:
      return bullets.join('\n');
  }
}

export const draftSummary: Drafter = (random, request): Draft => {
  const doc = random.pick(DOCUMENTS)(random);
  const instruction = random.pick(INSTRUCTIONS[request.language]);
  return {
    topic: doc.kind,
    input: `${instruction}\n\n${doc.text}`,
    context: [],
    answer: (theme) => summary(random, doc, theme),
  };
};
