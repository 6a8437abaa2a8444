/**
 * Negative feedback with planted themes, written like real users write comments: each theme has several
 * phrasings with varied details, so a clustering must find the theme, not the template. Seeded.
 */
import { type InteractionRecord, seededRandom } from '@feedloop/core';
import type { IngestBatch } from '@feedloop/store';
import { interactionAt, signalAt, vote } from '../helpers/analysis-data.js';

export interface PlantedTheme {
  category: string;
  share: number;
  phrasings: string[];
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;
const TOPICS = [
  'refund policy',
  'API rate limits',
  'invoice export',
  'SSO setup',
  'data retention',
  'the pricing page',
  'webhooks',
  'password reset',
  'team seats',
  'the mobile app',
];
const DETAILS = ['again', 'this time', 'for the second time today', 'as usual', '', 'honestly', 'seriously'];

export const PLANTED: PlantedTheme[] = [
  {
    category: 'broken citations',
    share: 0.17,
    phrasings: [
      'the source link about {topic} is broken, 404 {detail}',
      'citation goes to a dead link when I ask about {topic}',
      'none of the references for {topic} open, broken links',
      'the cited article on {topic} does not exist, link 404s',
      'sources are broken {detail}, the link for {topic} gives a 404 page',
    ],
  },
  {
    category: 'too verbose',
    share: 0.09,
    phrasings: [
      'way too long, I just wanted a short answer about {topic}',
      'too verbose {detail}, get to the point on {topic}',
      'this is an essay, please keep answers about {topic} shorter',
      'rambling wall of text for a simple {topic} question',
    ],
  },
  {
    category: 'hallucination',
    share: 0.2,
    phrasings: [
      'it made up a feature for {topic} that does not exist',
      'completely invented numbers about {topic}, this is false',
      'wrong, the answer about {topic} is fabricated',
      'hallucinated a setting for {topic} {detail}, nothing like that exists',
    ],
  },
  {
    category: 'stale data',
    share: 0.15,
    phrasings: [
      'outdated info about {topic}, that changed last year',
      'this describes the old {topic}, it is out of date',
      'stale answer {detail}, {topic} no longer works that way',
      'deprecated instructions for {topic}, obsolete',
    ],
  },
  {
    category: 'refused incorrectly',
    share: 0.14,
    phrasings: [
      'it refused to help with {topic} for no reason',
      'said it cannot help with {topic}, which is a normal question',
      'declined to answer about {topic} citing policy, ridiculous',
      'refuses every question about {topic} {detail}',
    ],
  },
  {
    category: 'wrong format',
    share: 0.25,
    phrasings: [
      'I asked for a table about {topic} and got paragraphs',
      'the JSON for {topic} is not valid json, wrong format',
      'asked for bullet points on {topic}, got a wall of prose instead of a list',
      'markdown formatting is broken in the {topic} answer, no table',
    ],
  },
];

export interface PlantOptions {
  /** Dimensions of every interaction (e.g. a prompt template and version). */
  dimensions?: Partial<InteractionRecord>;
  /** Shares per category instead of the planted ones (missing categories get none). */
  shares?: Record<string, number>;
}

/** `n` down-voted interactions with a comment each, themes in the planted shares, over `days` from `start`. */
export function plantedFeedback(
  n: number,
  seed: number,
  start: number,
  days = 7,
  options: PlantOptions = {},
): IngestBatch & { truth: string[] } {
  const random = seededRandom(seed);
  const out: IngestBatch & { truth: string[] } = { interactions: [], signals: [], truth: [] };
  const counts = PLANTED.map((t) => Math.round((options.shares ? (options.shares[t.category] ?? 0) : t.share) * n));
  PLANTED.forEach((theme, t) => {
    for (let k = 0; k < (counts[t] ?? 0); k++) {
      const at = start + Math.floor(random() * days * 86_400_000);
      const topic = pick(TOPICS, random);
      const text = pick(theme.phrasings, random)
        .replace('{topic}', topic)
        .replace('{detail}', pick(DETAILS, random))
        .replace(/\s+/g, ' ')
        .trim();
      const user = `u_${seed}_${t}_${k}`;
      const i = interactionAt(at, {
        userId: user,
        sessionId: `s_${user}`,
        input: `Tell me about ${topic}`,
        output: `Here is what I know about ${topic}.`,
        ...options.dimensions,
      });
      out.interactions.push(i);
      out.signals.push(vote(i.id, at + 1000, false, user, `s_${user}`));
      out.signals.push(
        signalAt(i.id, at + 2000, {
          kind: 'explicit',
          type: 'comment',
          value: text,
          valueNum: null,
          userId: user,
          sessionId: `s_${user}`,
        }),
      );
      out.truth.push(theme.category);
    }
  });
  return out;
}
