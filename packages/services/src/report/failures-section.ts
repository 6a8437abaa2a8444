/** Where it fails: the worst prompt templates, features and retrieved documents, each with its support. */
import type { Cohort, WeeklyReport } from '../analysis/types.js';
import { formatCount, formatValue } from './format.js';
import { type Block, type Column, heading, paragraph, type Section, table } from './report-document.js';
import { countCell, perInteractionCell, rateCell, ratingCell, thumbsDown, votes } from './report-measures.js';

const cohortColumns = (first: string): Column[] => [
  { label: first },
  { label: 'Votes', numeric: true },
  { label: 'Thumbs down', numeric: true },
  { label: 'Positive rate (95% CI)', numeric: true },
  { label: 'Rating mean', numeric: true },
  { label: 'Correction rate', numeric: true },
  { label: 'Regenerate rate', numeric: true },
];

const cohortRow = (c: Cohort, minSupport: number): string[] => [
  c.ranked ? formatValue(c.value) : `${formatValue(c.value)} (below ${formatCount(minSupport)} votes, not ranked)`,
  countCell(votes(c.measures)),
  countCell(thumbsDown(c.measures)),
  rateCell(c.measures.positiveRate),
  ratingCell(c.measures),
  perInteractionCell(c.measures.correctionRate),
  perInteractionCell(c.measures.regenerateRate),
];

export function failuresSection(report: WeeklyReport): Section {
  const f = report.failures;
  const blocks: Block[] = [
    paragraph(`A cohort needs at least ${formatCount(f.minSupport)} thumbs votes to be ranked among the worst.`),
    heading('Worst prompt templates'),
    f.worstTemplates.length
      ? table(
          'Prompt templates by thumbs-down votes, most first',
          cohortColumns('Prompt template'),
          f.worstTemplates.map((c) => cohortRow(c, f.minSupport)),
        )
      : paragraph('No prompt template received thumbs-down votes.'),
    heading('Worst features'),
    f.worstFeatures.length
      ? table(
          'Features (query types) by positive rate, lowest first',
          cohortColumns('Feature'),
          f.worstFeatures.map((c) => cohortRow(c, f.minSupport)),
        )
      : paragraph('No feature has enough votes to be ranked.'),
    heading('Worst retrieved documents'),
    f.worstDocuments.length
      ? table(
          'Retrieved documents by the negative rate of the votes on answers that used them',
          [
            { label: 'Document' },
            { label: 'Source' },
            { label: 'Interactions', numeric: true },
            { label: 'Votes', numeric: true },
            { label: 'Thumbs down', numeric: true },
            { label: 'Negative rate (95% CI)', numeric: true },
          ],
          f.worstDocuments.map((d) => [
            d.docId,
            d.source ?? '(none)',
            countCell(d.interactions),
            countCell(d.votes),
            countCell(d.negative),
            rateCell(d.negativeRate),
          ]),
        )
      : paragraph('No retrieved document has enough votes to be ranked.'),
  ];
  return { id: 'failures', title: 'Where it fails', blocks };
}
