/**
 * One Open Assistant tree becomes:
 * - an interaction per assistant message, its input the conversation from the root to its parent
 *   (prompter → `user`, assistant → `assistant`), its output the message's text;
 * - a `thumbs` signal per volunteer vote ("+1" → 1, "-1" → -1), each from its own stand-in voter id so
 *   taking the latest thumb per user keeps every vote;
 * - a `preference` signal per pair of ranked sibling replies, on the better-ranked (lower rank) one.
 *
 * What is left out, and why:
 * - a synthetic (model-written) assistant message is not imported; synthetic messages stay in the
 *   conversation path of real replies below them, because the volunteers did read and answer them;
 * - a deleted message and everything under it is not imported: moderators removed it, and the replies
 *   answer text that is gone;
 * - a ranked pair where either reply is not imported gives no preference.
 * Ids are the source's own message ids (`oasst:<message_id>`), so importing twice adds nothing.
 */
import type { ChatMessage } from '@feedloop/core';
import { type LineItems, type Located, lineItems, parseJsonLine } from './line-items.js';
import { type OasstMessage, readOasstTree } from './oasst-message.js';

export const OASST_SOURCE = 'oasst';

export const OASST_SKIP_REASONS = {
  synthetic: 'oasst: synthetic (model-written) assistant message: not imported',
  deleted: 'oasst: deleted assistant message, or one under a deleted message: not imported',
  pair: 'oasst: ranked pair with a reply that is not imported: no preference',
} as const;

export const oasstInteractionId = (messageId: string) => `oasst:${messageId}`;
export const oasstVoterId = (messageId: string, n: number) => `oasst-voter-${messageId}-${n}`;

const ROLE = { prompter: 'user', assistant: 'assistant' } as const;

interface Walk {
  treeId: string;
  sessionId: string;
  line: number;
  out: LineItems;
}

function addVotes(walk: Walk, message: OasstMessage): void {
  const votes = [
    ...Array.from({ length: message.emojis['+1'] ?? 0 }, () => 1),
    ...Array.from({ length: message.emojis['-1'] ?? 0 }, () => -1),
  ];
  votes.forEach((value, i) => {
    const n = i + 1;
    walk.out.signals.push({
      at: `${message.id}.emojis[${value === 1 ? '+1' : '-1'}]`,
      item: {
        id: `oasst:${message.id}:vote:${n}`,
        interactionId: oasstInteractionId(message.id),
        sessionId: walk.sessionId,
        userId: oasstVoterId(message.id, n),
        type: 'thumbs',
        value,
        metadata: { source: OASST_SOURCE, line: walk.line },
      },
    });
  });
}

function addInteraction(walk: Walk, message: OasstMessage, parentId: string | null, path: ChatMessage[]): void {
  walk.out.interactions.push({
    at: message.id,
    item: {
      id: oasstInteractionId(message.id),
      sessionId: walk.sessionId,
      // Volunteers are anonymous in the export; an invented user would be capped by per-user export limits.
      userId: null,
      feature: `import:${OASST_SOURCE}`,
      language: message.lang,
      input: path,
      output: message.text,
      metadata: {
        source: OASST_SOURCE,
        line: walk.line,
        messageTreeId: walk.treeId,
        messageId: message.id,
        parentMessageId: parentId,
        rank: message.rank,
        emojis: message.emojis,
      },
    },
  });
  addVotes(walk, message);
}

function addPreferences(walk: Walk, replies: OasstMessage[], imported: (m: OasstMessage) => boolean): void {
  const ranked = replies.filter((r) => r.role === 'assistant' && r.rank !== null);
  for (const better of ranked) {
    for (const worse of ranked) {
      if ((better.rank ?? 0) >= (worse.rank ?? 0)) continue;
      if (!imported(better) || !imported(worse)) {
        walk.out.skipped.push(OASST_SKIP_REASONS.pair);
        continue;
      }
      const signal: Located = {
        at: `${better.id}.rank`,
        item: {
          id: `oasst:${better.id}:over:${worse.id}`,
          interactionId: oasstInteractionId(better.id),
          sessionId: walk.sessionId,
          type: 'preference',
          value: { over: oasstInteractionId(worse.id) },
          metadata: { source: OASST_SOURCE, line: walk.line, rank: better.rank, overRank: worse.rank },
        },
      };
      walk.out.signals.push(signal);
    }
  }
}

/** Parses one Open Assistant tree line. */
export function oasstTreeLine(text: string, line: number): LineItems {
  const parsed = parseJsonLine(text);
  if (!parsed.ok) return parsed.items;
  const read = readOasstTree(parsed.value);
  if (!read.ok) return lineItems({ problems: read.problems });
  const { treeId, root } = read.tree;
  const walk: Walk = { treeId, sessionId: `oasst:${treeId}`, line, out: lineItems() };

  // Depth-first with an explicit stack: a long conversation cannot overflow the call stack.
  const stack: { message: OasstMessage; parentId: string | null; path: ChatMessage[]; removed: boolean }[] = [
    { message: root, parentId: null, path: [], removed: false },
  ];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { message, parentId, path } = next;
    const removed = next.removed || message.deleted;
    if (message.role === 'assistant') {
      if (removed) walk.out.skipped.push(OASST_SKIP_REASONS.deleted);
      else if (message.synthetic) walk.out.skipped.push(OASST_SKIP_REASONS.synthetic);
      else addInteraction(walk, message, parentId, path);
    }
    addPreferences(walk, message.replies, (r) => !removed && !r.deleted && !r.synthetic);
    const childPath = [...path, { role: ROLE[message.role], content: message.text }];
    // Pushed in reverse so the replies come out in file order.
    for (const reply of [...message.replies].reverse()) {
      stack.push({ message: reply, parentId: message.id, path: childPath, removed });
    }
  }
  return walk.out;
}
