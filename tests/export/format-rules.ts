/**
 * An independent statement of the target formats' rules, written from their documentation rather than
 * from our validators, so a lax validator cannot pass its own mistakes:
 * - OpenAI's chat fine-tuning data-preparation checks (cookbook "Chat_finetuning_data_prep"): each line
 *   an object with a `messages` list; each message has `role` and `content`, no keys besides role,
 *   content, name, function_call, weight; roles system/user/assistant/function; content a string;
 *   at least one assistant message. Plus what chat templates require: alternation, non-empty text.
 * - OpenAI's preference (DPO) format: `input.messages`, `preferred_output` and `non_preferred_output`,
 *   each output a list of assistant messages.
 * - TRL's dataset formats: preference (`prompt`, `chosen`, `rejected`), unpaired preference (`prompt`,
 *   `completion`, `label`: bool), prompt-completion, and conversational `messages`; standard = strings,
 *   conversational = lists of {role, content}; never mixed within one line.
 * Returns the list of problems (empty when the line is fine).
 */
type Json = Record<string, unknown>;
type Message = { role?: unknown; content?: unknown } & Json;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

function conversationProblems(messages: unknown, endsWith: 'user' | 'assistant', allowedKeys: string[]): string[] {
  if (!Array.isArray(messages) || messages.length === 0) return ['messages must be a non-empty list'];
  const problems: string[] = [];
  const roles = (messages as Message[]).map((m) => (isObject(m) ? m.role : undefined));
  (messages as Message[]).forEach((m, i) => {
    if (!isObject(m)) {
      problems.push(`message ${i} is not an object`);
      return;
    }
    if (!('role' in m) || !('content' in m)) problems.push(`message ${i} lacks role or content`);
    for (const k of Object.keys(m)) if (!allowedKeys.includes(k)) problems.push(`message ${i} has key ${k}`);
    if (!['system', 'user', 'assistant'].includes(String(m.role)))
      problems.push(`message ${i} has role ${String(m.role)}`);
    if (!nonEmpty(m.content)) problems.push(`message ${i} has empty or non-string content`);
  });
  const turns = roles[0] === 'system' ? roles.slice(1) : roles;
  turns.forEach((r, i) => {
    if (r !== (i % 2 === 0 ? 'user' : 'assistant')) problems.push(`turn ${i} is ${String(r)}: roles must alternate`);
  });
  if (roles[roles.length - 1] !== endsWith) problems.push(`must end with ${endsWith}`);
  return problems;
}

function oneAssistant(v: unknown, name: string): string[] {
  if (!Array.isArray(v) || v.length !== 1) return [`${name} must hold exactly one message`];
  const [m] = v as Message[];
  if (!isObject(m) || m.role !== 'assistant' || !nonEmpty(m.content))
    return [`${name} must be one non-empty assistant message`];
  return Object.keys(m).every((k) => k === 'role' || k === 'content') ? [] : [`${name} has extra keys`];
}

const textOf = (v: unknown) => (Array.isArray(v) ? String((v[0] as Message | undefined)?.content) : String(v));

function keysExactly(line: Json, keys: string[]): string[] {
  const actual = Object.keys(line).sort();
  return JSON.stringify(actual) === JSON.stringify([...keys].sort()) ? [] : [`keys are ${actual.join(',')}`];
}

export function formatProblems(kind: string, format: string, line: unknown): string[] {
  if (!isObject(line)) return ['line is not an object'];
  const conversational = format === 'trl';
  const standard = format === 'trl-standard';
  switch (`${kind}/${format}`) {
    case 'sft/openai':
      return [
        ...keysExactly(line, ['messages']),
        ...conversationProblems(line.messages, 'assistant', ['role', 'content', 'name', 'function_call', 'weight']),
      ];
    case 'sft/hf':
      return [
        ...keysExactly(line, ['messages']),
        ...conversationProblems(line.messages, 'assistant', ['role', 'content']),
      ];
    case 'dpo/openai': {
      const input = line.input;
      const problems = keysExactly(line, ['input', 'preferred_output', 'non_preferred_output']);
      if (!isObject(input)) return [...problems, 'input must be an object'];
      return [
        ...problems,
        ...conversationProblems(input.messages, 'user', ['role', 'content', 'name']),
        ...oneAssistant(line.preferred_output, 'preferred_output'),
        ...oneAssistant(line.non_preferred_output, 'non_preferred_output'),
        ...(textOf(line.preferred_output).trim() === textOf(line.non_preferred_output).trim()
          ? ['outputs are equal']
          : []),
      ];
    }
  }
  const columns =
    kind === 'dpo'
      ? ['prompt', 'chosen', 'rejected']
      : kind === 'kto'
        ? ['prompt', 'completion', 'label']
        : ['prompt', 'completion'];
  const problems = keysExactly(line, columns);
  if (conversational) {
    problems.push(...conversationProblems(line.prompt, 'user', ['role', 'content']));
    for (const c of columns.slice(1)) if (c !== 'label') problems.push(...oneAssistant(line[c], c));
  } else if (standard) {
    for (const c of columns) if (c !== 'label' && !nonEmpty(line[c])) problems.push(`${c} must be non-empty text`);
  } else return [`unknown format ${kind}/${format}`];
  if (kind === 'kto' && typeof line.label !== 'boolean') problems.push('label must be a boolean');
  if (kind === 'dpo' && textOf(line.chosen).trim() === textOf(line.rejected).trim())
    problems.push('chosen equals rejected');
  return problems;
}
