/**
 * The shape of one Open Assistant conversation tree (`en_100_tree.jsonl`: one tree per line, `prompt` is
 * the root message, each message has `replies`), read from untrusted JSON into typed messages. Every
 * problem names its field, e.g. `prompt.replies[2].text`.
 */
import type { ItemError } from '@feedloop/core';
import { isRecord } from './line-items.js';

export interface OasstMessage {
  id: string;
  role: 'prompter' | 'assistant';
  text: string;
  lang: string | null;
  /** Place among its ranked siblings, 0 the best; null when it was not ranked. */
  rank: number | null;
  synthetic: boolean;
  deleted: boolean;
  /** Volunteer reactions, e.g. `{ "+1": 3, "-1": 1, "red_flag": 0, "_skip_reply": 1 }`. */
  emojis: Record<string, number>;
  replies: OasstMessage[];
}

export interface OasstTree {
  treeId: string;
  root: OasstMessage;
}

const optionalBoolean = (value: unknown) => value === undefined || value === null || typeof value === 'boolean';

function readEmojis(value: unknown, field: string, problems: ItemError[]): Record<string, number> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) {
    problems.push({ field, reason: 'expected an object of emoji counts' });
    return {};
  }
  const counts: Record<string, number> = {};
  for (const [emoji, count] of Object.entries(value)) {
    if (Number.isSafeInteger(count) && (count as number) >= 0) counts[emoji] = count as number;
    else problems.push({ field: `${field}.${emoji}`, reason: 'expected a count, a whole number >= 0' });
  }
  return counts;
}

function readMessage(value: unknown, field: string, problems: ItemError[]): OasstMessage | undefined {
  if (!isRecord(value)) {
    problems.push({ field, reason: 'expected a message object' });
    return undefined;
  }
  const { message_id: id, role, text, lang, rank, synthetic, deleted, emojis, replies } = value;
  const before = problems.length;
  if (typeof id !== 'string' || id === '') problems.push({ field: `${field}.message_id`, reason: 'expected an id' });
  if (role !== 'prompter' && role !== 'assistant')
    problems.push({ field: `${field}.role`, reason: 'expected prompter or assistant' });
  if (typeof text !== 'string') problems.push({ field: `${field}.text`, reason: 'expected text' });
  if (lang !== undefined && lang !== null && typeof lang !== 'string')
    problems.push({ field: `${field}.lang`, reason: 'expected a language code' });
  if (rank !== undefined && rank !== null && !Number.isFinite(rank))
    problems.push({ field: `${field}.rank`, reason: 'expected a number or null' });
  if (!optionalBoolean(synthetic)) problems.push({ field: `${field}.synthetic`, reason: 'expected true or false' });
  if (!optionalBoolean(deleted)) problems.push({ field: `${field}.deleted`, reason: 'expected true or false' });
  if (replies !== undefined && replies !== null && !Array.isArray(replies))
    problems.push({ field: `${field}.replies`, reason: 'expected a list of messages' });
  const counts = readEmojis(emojis, `${field}.emojis`, problems);
  const children = Array.isArray(replies)
    ? replies.map((reply, i) => readMessage(reply, `${field}.replies[${i}]`, problems))
    : [];
  if (problems.length > before) return undefined;
  return {
    id: id as string,
    role: role as OasstMessage['role'],
    text: text as string,
    lang: typeof lang === 'string' ? lang : null,
    rank: typeof rank === 'number' ? rank : null,
    synthetic: synthetic === true,
    deleted: deleted === true,
    emojis: counts,
    replies: children.filter((c): c is OasstMessage => c !== undefined),
  };
}

/** Reads one tree, or every problem found in it. */
export function readOasstTree(value: unknown): { ok: true; tree: OasstTree } | { ok: false; problems: ItemError[] } {
  if (!isRecord(value)) return { ok: false, problems: [{ field: 'line', reason: 'expected a tree object' }] };
  const problems: ItemError[] = [];
  const root = readMessage(value.prompt, 'prompt', problems);
  const treeId = value.message_tree_id ?? root?.id;
  if (typeof treeId !== 'string') problems.push({ field: 'message_tree_id', reason: 'expected an id' });
  if (!root || problems.length > 0 || typeof treeId !== 'string') return { ok: false, problems };
  return { ok: true, tree: { treeId, root } };
}
