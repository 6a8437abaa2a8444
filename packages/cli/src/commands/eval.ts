/**
 * `feedloop eval …`: grow eval sets from failures on the command line, with the same rules and answers
 * as `/v1/eval/*` (both served by @feedloop/services): list candidates, accept or reject them, edit a
 * case, publish the draft as an immutable version, export a version.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import {
  acceptCase,
  CLI_EVAL_FIELDS,
  EVAL_EXPORT_FORMATS,
  type EvalCandidate,
  type EvalCandidatePage,
  type EvalSetSummary,
  editCase,
  exportEvalVersion,
  findEvalCandidates,
  getEvalSet,
  listEvalSets,
  publishEvalSet,
  readCandidateRequest,
  rejectCase,
} from '@feedloop/services';
import type { Command } from 'commander';
import { resolveProject } from '../project-option.js';
import { addStoreOptions, type StoreOptions, withStore } from '../store-options.js';

interface ProjectOptions extends StoreOptions {
  project?: string;
}

interface CandidateOptions extends ProjectOptions {
  since?: string;
  until?: string;
  tenant?: string;
  model?: string;
  template?: string;
  templateVersion?: string;
  set?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

interface CaseOptions extends ProjectOptions {
  expected?: string;
  expectedFile?: string;
  tag: string[];
  untag: string[];
  replaceTags?: boolean;
  reason?: string;
}

interface ExportOptions extends ProjectOptions {
  format: string;
  out?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** One line of text, at most `max` characters, for a terminal. */
function oneLine(text: string | null | undefined, max = 110): string {
  if (text === null || text === undefined) return '—';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function inputText(input: EvalCandidate['input']): string | null {
  if (input === null) return null;
  if (typeof input === 'string') return input;
  const last = input[input.length - 1];
  return typeof last?.content === 'string' ? last.content : JSON.stringify(last?.content ?? '');
}

function printCandidates(page: EvalCandidatePage): void {
  if (page.candidates.length === 0) {
    console.log('No candidates: no failing interaction matches (or this set already decided them all).');
    return;
  }
  page.candidates.forEach((c, i) => {
    const e = c.evidence;
    const counts = [
      e.thumbsDown > 0 ? `${e.thumbsDown} down` : '',
      e.lowRatings > 0 ? `${e.lowRatings} low rating${e.lowRatings === 1 ? '' : 's'}` : '',
      e.edits > 0 ? `${e.edits} edit${e.edits === 1 ? '' : 's'}` : '',
      e.regenerations > 0 ? `${e.regenerations} regeneration${e.regenerations === 1 ? '' : 's'}` : '',
      e.thumbsUp > 0 ? `${e.thumbsUp} up` : '',
    ].filter((s) => s !== '');
    const where = [
      c.promptTemplate === null ? null : `${c.promptTemplate}${c.promptVersion === null ? '' : ` v${c.promptVersion}`}`,
      c.model,
      c.tenant,
      c.createdAt,
    ].filter((s) => s !== null);
    console.log(`#${i + 1} ${c.interactionId}  strength ${e.strength}: ${counts.join(', ')}`);
    console.log(`   ${where.join(' · ')}`);
    console.log(`   input:    ${oneLine(inputText(c.input))}`);
    console.log(`   output:   ${oneLine(c.output)}`);
    if (c.suggestedExpectedOutput !== null) console.log(`   edited:   ${oneLine(c.suggestedExpectedOutput)}`);
    for (const comment of e.comments.slice(0, 3)) console.log(`   comment:  ${oneLine(comment)}`);
  });
  if (page.nextCursor !== null) console.log(`More: add --cursor ${page.nextCursor}`);
}

function printSets(sets: EvalSetSummary[]): void {
  if (sets.length === 0) {
    console.log('No eval sets yet: accept a candidate with feedloop eval accept <set> <interaction-id>.');
    return;
  }
  for (const s of sets) {
    const latest = s.latestVersion === null ? 'nothing published' : `latest v${s.latestVersion}`;
    const changed = s.unpublishedChanges ? ', unpublished changes' : '';
    console.log(`${s.name}: ${s.draft.accepted} accepted, ${s.draft.rejected} rejected; ${latest}${changed}`);
    for (const v of s.versions) console.log(`  v${v.version}: ${v.cases} cases, published ${v.publishedAt}`);
  }
}

function expectedOf(options: CaseOptions): string | undefined {
  if (options.expected !== undefined && options.expectedFile !== undefined) {
    throw new Error('--expected-file: give either --expected or --expected-file, not both');
  }
  return options.expectedFile === undefined ? options.expected : readFileSync(options.expectedFile, 'utf8');
}

export function registerEval(program: Command): void {
  const evalCommand = program
    .command('eval')
    .description('grow eval sets from failures: candidates, accept, reject, edit, publish, export');

  addStoreOptions(
    evalCommand
      .command('candidates')
      .description('list failing interactions, strongest evidence first (the same as GET /v1/eval/candidates)')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--set <name>', 'leave out what this eval set already accepted or rejected')
      .option('--since <iso>', 'interactions created at or after this time')
      .option('--until <iso>', 'interactions created before this time')
      .option('--tenant <tenant>', 'only this tenant')
      .option('--model <model>', 'only this model')
      .option('--template <name>', 'only this prompt template')
      .option('--template-version <version>', 'only this prompt template version')
      .option('--limit <n>', 'candidates per page, 1–100 (default 20)')
      .option('--cursor <cursor>', 'the next page, as printed at the end of the previous one')
      .option('--json', 'print the page as JSON'),
  ).action(async (options: CandidateOptions) => {
    const params: Record<string, string | undefined> = {
      since: options.since,
      until: options.until,
      tenant: options.tenant,
      model: options.model,
      template: options.template,
      templateVersion: options.templateVersion,
      set: options.set,
      limit: options.limit,
      cursor: options.cursor,
    };
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const page = await findEvalCandidates(store, readCandidateRequest(params, projectId, '--'));
      if (options.json) process.stdout.write(`${JSON.stringify(page, null, 2)}\n`);
      else printCandidates(page);
    });
  });

  addStoreOptions(
    evalCommand
      .command('accept')
      .description("accept an interaction into the set's draft (the expected output defaults to the latest edit)")
      .argument('<set>', 'the eval set (created on first use)')
      .argument('<interaction-id>', 'the interaction')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--expected <text>', 'the expected output')
      .option('--expected-file <file>', 'read the expected output from this file')
      .option('--tag <tag>', 'a tag of the case (repeat for more)', collect, [] as string[]),
  ).action(async (set: string, interactionId: string, options: CaseOptions) => {
    const expectedOutput = expectedOf(options);
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const accepted = await acceptCase(
        store,
        { projectId, set, interactionId, expectedOutput, tags: options.tag.length > 0 ? options.tag : undefined },
        CLI_EVAL_FIELDS,
      );
      const tags = accepted.tags.length === 0 ? '' : ` (tags: ${accepted.tags.join(', ')})`;
      console.log(`Accepted ${interactionId} into eval set "${set}"${tags}.`);
      console.log(`  expected: ${oneLine(accepted.expectedOutput)}`);
    });
  });

  addStoreOptions(
    evalCommand
      .command('reject')
      .description('reject an interaction for the set: it leaves the draft and is no longer offered')
      .argument('<set>', 'the eval set')
      .argument('<interaction-id>', 'the interaction')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--reason <text>', 'why, for the other curators'),
  ).action(async (set: string, interactionId: string, options: CaseOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      await rejectCase(store, { projectId, set, interactionId, reason: options.reason }, CLI_EVAL_FIELDS);
      console.log(`Rejected ${interactionId} for eval set "${set}".`);
    });
  });

  addStoreOptions(
    evalCommand
      .command('edit')
      .description("edit an accepted case of the set's draft: its expected output or tags")
      .argument('<set>', 'the eval set')
      .argument('<interaction-id>', 'the case’s interaction')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--expected <text>', 'the new expected output')
      .option('--expected-file <file>', 'read the new expected output from this file')
      .option('--tag <tag>', 'add a tag (repeat for more)', collect, [] as string[])
      .option('--untag <tag>', 'remove a tag (repeat for more)', collect, [] as string[])
      .option('--replace-tags', 'the --tag values replace all tags instead of being added'),
  ).action(async (set: string, interactionId: string, options: CaseOptions) => {
    const expectedOutput = expectedOf(options);
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const edited = await editCase(
        store,
        {
          projectId,
          set,
          interactionId,
          expectedOutput,
          ...(options.replaceTags ? { tags: options.tag } : { addTags: options.tag }),
          removeTags: options.untag,
        },
        CLI_EVAL_FIELDS,
      );
      console.log(`Edited ${interactionId} in eval set "${set}" (tags: ${edited.tags.join(', ') || 'none'}).`);
    });
  });

  addStoreOptions(
    evalCommand
      .command('publish')
      .description("publish the set's draft as its next version (immutable, PII redacted)")
      .argument('<set>', 'the eval set')
      .option('--project <id-or-name>', 'project (default: the only project)'),
  ).action(async (set: string, options: ProjectOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const result = await publishEvalSet(store, projectId, set, {}, CLI_EVAL_FIELDS);
      const redacted = Object.entries(result.redaction).map(([type, n]) => `${type} ${n}`);
      console.log(`Published eval set "${set}" v${result.version}: ${result.cases} cases.`);
      console.log(`  redacted: ${redacted.join(', ') || 'nothing'}`);
      for (const s of result.skipped) console.log(`  skipped ${s.interactionId}: ${s.reason}`);
    });
  });

  addStoreOptions(
    evalCommand
      .command('export')
      .description('write a published version as JSONL, promptfoo YAML or OpenAI evals JSONL')
      .argument('<set>', 'the eval set')
      .argument('[version]', 'the published version: 1, v1 or latest', 'latest')
      .option('--project <id-or-name>', 'project (default: the only project)')
      .option('--format <format>', `one of ${EVAL_EXPORT_FORMATS.join(', ')}`, 'jsonl')
      .option('--out <file>', 'write to this file (default: standard output)'),
  ).action(async (set: string, version: string, options: ExportOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      const file = await exportEvalVersion(
        store.db,
        { projectId, set, version, format: options.format },
        { ...CLI_EVAL_FIELDS, format: '--format' },
      );
      if (options.out === undefined) {
        process.stdout.write(file.text);
        return;
      }
      writeFileSync(options.out, file.text);
      console.error(`Wrote eval set "${set}" v${file.version} (${options.format}) to ${options.out}.`);
    });
  });

  addStoreOptions(
    evalCommand
      .command('sets')
      .description('list the eval sets, or show one with its draft as JSON')
      .argument('[set]', 'one eval set')
      .option('--project <id-or-name>', 'project (default: the only project)'),
  ).action(async (set: string | undefined, options: ProjectOptions) => {
    await withStore(options, async (store) => {
      const projectId = await resolveProject(store, options.project);
      if (set === undefined) printSets(await listEvalSets(store.db, projectId));
      else
        process.stdout.write(
          `${JSON.stringify(await getEvalSet(store.db, projectId, set, CLI_EVAL_FIELDS), null, 2)}\n`,
        );
    });
  });
}
