/**
 * Code assist: small, real programming tasks in four languages, each with a correct snippet, a subtly
 * buggy one and (where there is one) an outdated one. Developers ask in English whatever their locale.
 */
import type { Draft, Drafter } from './demo-draft.js';
import type { DemoRandom } from './demo-random.js';
import type { FailureTheme } from './demo-world.js';

interface CodeTask {
  key: string;
  language: 'python' | 'typescript' | 'sql' | 'go';
  task: string;
  good: string;
  buggy: string;
  outdated?: string;
}

const TASKS: readonly CodeTask[] = [
  {
    key: 'parse-iso-date',
    language: 'python',
    task: 'parses an ISO 8601 timestamp like 2026-11-20T10:00:00Z into a timezone-aware datetime',
    good: 'from datetime import datetime\n\ndef parse_iso(value: str) -> datetime:\n    return datetime.fromisoformat(value.replace("Z", "+00:00"))',
    buggy:
      'from datetime import datetime\n\ndef parse_iso(value: str) -> datetime:\n    return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S")',
    outdated:
      'from dateutil import parser  # pip install python-dateutil\n\ndef parse_iso(value):\n    return parser.parse(value)',
  },
  {
    key: 'debounce',
    language: 'typescript',
    task: 'debounces another function',
    good: 'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {\n  let timer: ReturnType<typeof setTimeout> | undefined;\n  return (...args: A) => {\n    clearTimeout(timer);\n    timer = setTimeout(() => fn(...args), ms);\n  };\n}',
    buggy:
      'export function debounce(fn: Function, ms: number) {\n  return (...args: unknown[]) => {\n    const timer = setTimeout(() => fn(...args), ms);\n    clearTimeout(timer);\n  };\n}',
  },
  {
    key: 'chunk-array',
    language: 'typescript',
    task: 'splits an array into chunks of size n',
    good: 'export function chunk<T>(items: T[], n: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length; i += n) out.push(items.slice(i, i + n));\n  return out;\n}',
    buggy:
      'export function chunk<T>(items: T[], n: number): T[][] {\n  const out: T[][] = [];\n  for (let i = 0; i < items.length - n; i += n) out.push(items.slice(i, i + n));\n  return out;\n}',
  },
  {
    key: 'sum-csv-column',
    language: 'python',
    task: 'reads a CSV file and returns the sum of the "amount" column',
    good: 'import csv\n\ndef total_amount(path: str) -> float:\n    with open(path, newline="") as f:\n        return sum(float(row["amount"]) for row in csv.DictReader(f))',
    buggy:
      'import csv\n\ndef total_amount(path: str) -> float:\n    with open(path) as f:\n        rows = list(csv.reader(f))\n    return sum(float(r[1]) for r in rows)',
  },
  {
    key: 'top-customers',
    language: 'sql',
    task: 'finds the top 10 customers by revenue this year',
    good: "SELECT c.id, c.name, SUM(o.total) AS revenue\nFROM customers c\nJOIN orders o ON o.customer_id = c.id\nWHERE o.created_at >= date_trunc('year', now())\nGROUP BY c.id, c.name\nORDER BY revenue DESC\nLIMIT 10;",
    buggy:
      'SELECT c.name, SUM(o.total) AS revenue\nFROM customers c, orders o\nGROUP BY c.name\nORDER BY revenue DESC\nLIMIT 10;',
  },
  {
    key: 'retry-backoff',
    language: 'go',
    task: 'retries an HTTP GET with exponential backoff, at most 5 times',
    good: 'func getWithRetry(url string) (*http.Response, error) {\n\tdelay := 200 * time.Millisecond\n\tfor attempt := 0; ; attempt++ {\n\t\tresp, err := http.Get(url)\n\t\tif err == nil && resp.StatusCode < 500 {\n\t\t\treturn resp, nil\n\t\t}\n\t\tif attempt == 4 {\n\t\t\treturn resp, err\n\t\t}\n\t\ttime.Sleep(delay)\n\t\tdelay *= 2\n\t}\n}',
    buggy:
      'func getWithRetry(url string) (*http.Response, error) {\n\tfor i := 0; i < 5; i++ {\n\t\tresp, err := http.Get(url)\n\t\tif err == nil {\n\t\t\treturn resp, nil\n\t\t}\n\t\ttime.Sleep(time.Duration(i) * time.Second)\n\t}\n\treturn nil, nil\n}',
    outdated:
      'func getWithRetry(url string) ([]byte, error) {\n\tresp, err := http.Get(url)\n\tif err != nil {\n\t\treturn nil, err\n\t}\n\treturn ioutil.ReadAll(resp.Body) // io/ioutil is deprecated\n}',
  },
  {
    key: 'verify-hmac',
    language: 'typescript',
    task: 'verifies an HMAC-SHA256 webhook signature in Node',
    good: "import { createHmac, timingSafeEqual } from 'node:crypto';\n\nexport function verify(body: string, signature: string, secret: string): boolean {\n  const expected = createHmac('sha256', secret).update(body).digest('hex');\n  return expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature));\n}",
    buggy:
      "import { createHmac } from 'node:crypto';\n\nexport function verify(body: string, signature: string, secret: string): boolean {\n  return createHmac('sha1', secret).update(body).digest('hex') == signature;\n}",
    outdated:
      "const crypto = require('crypto');\n\nfunction verify(body, signature, secret) {\n  return crypto.createHmac('sha256', new Buffer(secret)).update(body).digest('hex') === signature;\n}",
  },
  {
    key: 'hash-password',
    language: 'python',
    task: 'hashes a password with bcrypt and checks it',
    good: 'import bcrypt\n\ndef hash_password(password: str) -> bytes:\n    return bcrypt.hashpw(password.encode(), bcrypt.gensalt())\n\ndef check_password(password: str, hashed: bytes) -> bool:\n    return bcrypt.checkpw(password.encode(), hashed)',
    buggy:
      'import hashlib\n\ndef hash_password(password: str) -> str:\n    return hashlib.md5(password.encode()).hexdigest()',
  },
];

const ASKS = [
  'Write a {language} function that {task}.',
  '{language}: a function that {task}',
  'how do i write something in {language} that {task}?',
  'need a quick {language} helper that {task}',
];

const fence = (language: string, code: string) => `\`\`\`${language}\n${code}\n\`\`\``;

function codeAnswer(random: DemoRandom, task: CodeTask, theme: FailureTheme | null): string {
  switch (theme) {
    case null:
      return fence(task.language, task.good);
    case 'buggy-code':
    case 'hallucinated-numbers':
      return fence(task.language, task.buggy);
    case 'outdated-info':
      return fence(task.language, task.outdated ?? task.buggy);
    case 'wrong-format':
      return random.chance(0.5)
        ? `To do this you would define a function, loop over the input, handle the edge cases and return the result. In ${task.language} the standard library has what you need, so no extra dependencies are required.`
        : fence(task.language === 'python' ? 'javascript' : 'python', '# (the same idea in another language)\n...');
    case 'too-verbose':
      return [
        `Great question! Before writing the code, let's think about the problem. A function that ${task.task} needs to consider several aspects: correctness, edge cases, performance, readability and maintainability. There are many possible approaches, each with trade-offs.`,
        fence(task.language, task.good),
        'Let me explain each line in detail. The first line declares the function. The next lines implement the logic step by step. Finally, the result is returned to the caller. You may also want to add tests, documentation, logging, error handling, type annotations and benchmarks depending on your needs. I hope this helps, and feel free to ask if you need anything else!',
      ].join('\n\n');
    case 'refused-incorrectly':
      return random.pick([
        "I can't help with code that handles passwords or credentials, as it could be used maliciously.",
        "I'm sorry, but I can't assist with that request.",
      ]);
    case 'wrong-answer':
    case 'broken-citations': {
      const other = random.pick(TASKS.filter((t) => t !== task));
      return fence(other.language, other.good);
    }
  }
}

export const draftCode: Drafter = (random, request): Draft => {
  const task = TASKS.find((t) => t.key === request.rephraseOf) ?? random.pick(TASKS);
  const ask = random.pick(ASKS).replace('{language}', task.language).replace('{task}', task.task);
  return {
    topic: task.key,
    input: request.rephraseOf === undefined ? ask : `no, that's wrong. ${ask}`,
    context: [],
    answer: (theme) => codeAnswer(random, task, theme),
  };
};
