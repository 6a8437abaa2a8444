/** Chat message content as text: a string, or the text parts of a multimodal message (others as JSON). */
export function contentText(content: string | unknown[] | null | undefined): string {
  if (content === null || content === undefined) return '';
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if (typeof part === 'object' && part !== null && typeof (part as { text?: unknown }).text === 'string') {
        return (part as { text: string }).text;
      }
      return JSON.stringify(part);
    })
    .join('\n');
}

/** A prompt in one line: the text, or the last user message of a conversation (else its last message). */
export function promptLine(input: string | Array<{ role: string; content: string | unknown[] | null }> | null): string {
  if (input === null) return '';
  if (typeof input === 'string') return input;
  const users = input.filter((m) => m.role === 'user');
  return contentText((users[users.length - 1] ?? input[input.length - 1])?.content);
}
