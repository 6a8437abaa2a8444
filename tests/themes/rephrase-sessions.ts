/**
 * Generated chat sessions with planted rephrasings, for the rephrase-detection test. Each session walks
 * through support topics; after a question, the next prompt either restates it (within the five-minute
 * window, or too late), repeats it as a retry, regenerates it (`parentId`), asks a follow-up on the same
 * subject, or moves to another topic. Twin sessions of one user ask the same question in parallel, so a
 * detector that looked across sessions would fire. Seeded: the same sessions on every run and backend.
 */
import { type InteractionRecord, type SignalRecord, seededRandom } from '@feedloop/core';
import { interactionRecord, signalRecord } from '../helpers/fixtures.js';

interface Topic {
  question: string;
  restatements: string[];
  followUps: string[];
}

const TOPICS: Topic[] = [
  {
    question: 'How do I reset my password?',
    restatements: ['password reset how?', 'I forgot my password, how can I reset it', 'reset password'],
    followUps: ['thanks! and how do I change my email?', 'does that also log me out of the mobile app?'],
  },
  {
    question: "What's the refund policy for damaged items?",
    restatements: ['refund policy damaged item', 'can I get a refund if the item arrived damaged'],
    followUps: ['how long does the refund take to reach my card?', 'do I need to keep the original box?'],
  },
  {
    question: 'How do I export my dashboard data to CSV?',
    restatements: ['export dashboard data csv', 'how can I download the dashboard data as a CSV file'],
    followUps: ['can I schedule that every week?', 'what about Google Sheets?'],
  },
  {
    question: 'Can you summarize this contract in plain English?',
    restatements: ['summarize the contract in plain english please', 'plain english summary of this contract'],
    followUps: ['now translate the summary into German', 'which clauses are risky for us?'],
  },
  {
    question: 'Why was I charged twice this month?',
    restatements: ['charged twice this month why', 'no, I mean why was my card charged twice this month'],
    followUps: ['how do I update my card details?', 'can I switch to annual billing?'],
  },
  {
    question: 'How do I add a teammate to my workspace?',
    restatements: ['add teammate to workspace', 'no, I mean how can I invite a teammate to the workspace'],
    followUps: ['how do I remove someone from the workspace?', 'is there a limit on the number of seats?'],
  },
  {
    question: 'Write a SQL query that returns the top 10 customers by revenue',
    restatements: ['sql query top 10 customers by revenue', 'top 10 customers by revenue as a SQL query'],
    followUps: ['now group it by country', 'add an index to make it faster'],
  },
  {
    question: 'What are the system requirements for the desktop app?',
    restatements: ['desktop app system requirements', 'minimum system requirements to run the desktop app'],
    followUps: ['is there a Linux version?', 'how big is the download?'],
  },
  {
    question: 'How do I connect my Shopify store?',
    restatements: ['connect shopify store how', "that didn't work. how do I connect my shopify store"],
    followUps: ['which plans include the Shopify integration?', 'will it import my past orders?'],
  },
  {
    question: "Translate 'we are closed on Monday' into French",
    restatements: ['how do you say we are closed on monday in french', 'french translation: we are closed on monday'],
    followUps: ['and in Spanish?', 'make it more formal'],
  },
  {
    question: 'What is the difference between the Pro and Business plans?',
    restatements: ['pro vs business plan difference', 'difference between pro plan and business plan'],
    followUps: ['do you offer a discount for nonprofits?', 'can I switch plans later?'],
  },
  {
    question: 'How long does shipping to Canada take?',
    restatements: ['shipping time to canada', 'canada shipping, how long does it take?'],
    followUps: ['do I have to pay customs fees?', 'can I track my package?'],
  },
  {
    question: 'Explain the difference between TCP and UDP',
    restatements: ['tcp vs udp difference', "what's the difference between udp and tcp?"],
    followUps: ['give me an example of when to use UDP', 'what about QUIC?'],
  },
  {
    question: 'How do I enable two-factor authentication?',
    restatements: ['enable two-factor authentication how', 'turn on two-factor authentication'],
    followUps: ['what if I lose my phone?', 'which authenticator apps do you support?'],
  },
  {
    question: "Where can I download last year's invoices?",
    restatements: ['download last year invoices', "last year's invoices, where do I download them?"],
    followUps: ['can you add my VAT number to them?', 'why is one invoice missing?'],
  },
  {
    question: 'Comment puis-je annuler mon abonnement ?',
    restatements: ['annuler mon abonnement', 'comment annuler mon abonnement ?'],
    followUps: ['est-ce que je serai remboursé ?', 'et comment changer mon adresse e-mail ?'],
  },
];

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export interface PlantedSessions {
  interactions: InteractionRecord[];
  /** Rephrase signals an SDK sent itself (`followUp`), about some planted pairs. */
  explicit: SignalRecord[];
  /** `earlier\nlater` of every planted rephrase the detector should find (not the explicit ones). */
  expected: Set<string>;
  /** `earlier\nlater` of the planted rephrases an SDK already reported. */
  reported: Set<string>;
  /** How many consecutive pairs of each kind were planted. */
  planted: Record<string, number>;
}

export const pairKey = (earlier: string, later: string) => `${earlier}\n${later}`;

export function plantSessions(sessions: number, start: number, seed = 7): PlantedSessions {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  const out: PlantedSessions = {
    interactions: [],
    explicit: [],
    expected: new Set(),
    reported: new Set(),
    planted: {},
  };
  const plant = (kind: string) => {
    out.planted[kind] = (out.planted[kind] ?? 0) + 1;
  };
  let serial = 0;
  const add = (session: string, user: string, at: number, prompt: string, previous?: string, parentId?: string) => {
    const withHistory = previous !== undefined && random() < 0.5;
    const input = withHistory
      ? [
          { role: 'user', content: previous },
          { role: 'assistant', content: 'Here is what I found…' },
          { role: 'user', content: prompt },
        ]
      : [{ role: 'user', content: prompt }];
    const record = interactionRecord({
      id: `int_r${(serial++).toString().padStart(5, '0')}`,
      sessionId: session,
      userId: user,
      createdAt: new Date(at).toISOString(),
      input,
      ...(parentId === undefined ? {} : { parentId }),
    });
    out.interactions.push(record);
    return record;
  };

  for (let s = 0; s < sessions; s++) {
    const session = `s_${s}`;
    const user = `u_${s % 37}`;
    let at = start + s * 3 * MINUTE + between(0, 90 * SECOND);
    let topic = pick(TOPICS);
    let prompt = topic.question;
    let asking = true;
    let previous = add(session, user, at, prompt);
    if (random() < 0.2) {
      // A twin session of the same user restates the question a moment later, in its own first prompt.
      add(`${session}_twin`, user, at + between(20 * SECOND, 90 * SECOND), pick(topic.restatements));
      plant('cross-session');
    }
    const steps = between(1, 5);
    for (let step = 0; step < steps; step++) {
      const roll = random();
      let gap = between(20 * SECOND, 4 * MINUTE);
      let kind: string;
      let parentId: string | undefined;
      if (asking && roll < 0.32) {
        kind = 'rephrase';
        prompt = pick(topic.restatements.filter((r) => r !== prompt));
      } else if (asking && roll < 0.4) {
        kind = 'retry';
      } else if (asking && roll < 0.47) {
        kind = 'late-rephrase';
        prompt = pick(topic.restatements.filter((r) => r !== prompt));
        gap = between(6 * MINUTE, 30 * MINUTE);
      } else if (asking && roll < 0.52) {
        kind = 'regeneration';
        parentId = previous.id;
        gap = between(5 * SECOND, 30 * SECOND);
      } else if (roll < 0.78) {
        kind = 'follow-up';
        prompt = pick(topic.followUps.filter((f) => f !== prompt));
        asking = false;
      } else {
        kind = 'new-topic';
        topic = pick(TOPICS.filter((t) => t !== topic));
        prompt = topic.question;
        asking = true;
      }
      at += gap;
      const promptBefore = previous;
      const earlierText = lastPrompt(promptBefore);
      previous = add(session, user, at, prompt, earlierText, parentId);
      plant(kind);
      if (kind !== 'rephrase' && kind !== 'retry') continue;
      const key = pairKey(promptBefore.id, previous.id);
      if (random() < 0.15) {
        // The app called followUp itself: the SDK's explicit signal, which the server must not repeat.
        out.reported.add(key);
        out.explicit.push(
          signalRecord(promptBefore.id, {
            id: `sig_fu_${previous.id}`,
            kind: 'implicit',
            type: 'rephrase',
            value: { followUpId: previous.id },
            userId: user,
            sessionId: session,
            createdAt: new Date(at + 2 * SECOND).toISOString(),
          }),
        );
      } else {
        out.expected.add(key);
      }
    }
  }
  return out;
}

function lastPrompt(record: InteractionRecord): string {
  const input = record.input;
  if (typeof input === 'string' || input === null) return input ?? '';
  const last = input.at(-1)?.content;
  return typeof last === 'string' ? last : '';
}
