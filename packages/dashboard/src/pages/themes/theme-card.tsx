/**
 * One theme: its label and keywords, category, size, share with its interval, trend against the previous
 * period, the signals behind it, the cohorts where it concentrates and its most typical examples — and,
 * opened, its members.
 */
import { Link } from 'wouter';
import type { PeriodParams } from '../../api/theme-queries';
import type { ThemeSummary } from '../../api/types';
import { IntervalBar } from '../../components/interval-bar';
import { count, dimensionValue, percent, points, pValue } from '../../lib/format';
import { ThemeMembers } from './theme-members';
import { dimensionLabel, dimensionParam, evidenceLabel, evidenceSymbol } from './theme-text';

function Trend({ theme }: { theme: ThemeSummary }) {
  const { difference, pValue: p, significant } = theme.trend;
  if (difference === null || p === null) {
    return (
      <span className="muted">
        {theme.previousShare.trials === 0 ? 'no feedback in the previous period' : 'no feedback in this period'}
      </span>
    );
  }
  // A failure growing is bad news: a significant rise reads as negative.
  const tone = significant ? (difference > 0 ? 'negative' : 'positive') : undefined;
  return (
    <span className="trend">
      <span className={tone}>
        <span aria-hidden="true">{difference > 0 ? '↑' : difference < 0 ? '↓' : '→'}</span> {points(difference)}
      </span>{' '}
      <span className="muted">from {percent(theme.previousShare.estimate)}</span>{' '}
      {significant ? (
        <span className={`badge ${difference > 0 ? 'worse' : 'better'}`}>significant</span>
      ) : (
        <span className="muted">(within the noise)</span>
      )}{' '}
      <span className="meta">p {pValue(p)}</span>
    </span>
  );
}

function Evidence({ evidence }: { evidence: Record<string, number> }) {
  const kinds = Object.entries(evidence).sort(([, a], [, b]) => b - a);
  if (kinds.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="chips" aria-label="Signals behind it">
      {kinds.map(([kind, n]) => (
        <li key={kind} className={kind === 'comment' ? 'chip' : 'chip down'}>
          <span aria-hidden="true">{evidenceSymbol(kind)}</span> {evidenceLabel(kind)} {count(n)}
        </li>
      ))}
    </ul>
  );
}

function Concentrations({ theme, carried }: { theme: ThemeSummary; carried: string }) {
  if (theme.concentrations.length === 0) return <span className="muted">spread evenly</span>;
  const linkTo = (dimension: string, value: string) => {
    const params = new URLSearchParams(carried.slice(1));
    params.set(dimensionParam(dimension), value);
    return `/interactions?${params}`;
  };
  return (
    <ul className="chips" aria-label="Cohorts where it concentrates">
      {theme.concentrations.map((c) => (
        <li key={`${c.dimension}=${c.value}`} className="chip">
          <Link href={linkTo(c.dimension, c.value)}>
            {dimensionLabel(c.dimension)} = {dimensionValue(c.value)}
          </Link>{' '}
          <span title={`${c.members} members; ${c.lift.toFixed(1)} times as common as in the whole pool`}>
            ×{c.lift.toFixed(1)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ThemeCard({
  theme,
  open,
  onToggle,
  period,
  carried,
}: {
  theme: ThemeSummary;
  open: boolean;
  onToggle: () => void;
  period: PeriodParams;
  carried: string;
}) {
  const headingId = `theme-${theme.id}`;
  const panelId = `theme-${theme.id}-members`;
  return (
    <article className="theme" aria-labelledby={headingId}>
      <div className="theme-head">
        <h3 id={headingId}>{theme.label}</h3>
        <span className="badge category" title="Failure taxonomy category">
          {theme.category}
        </span>
        <span className="meta">
          {count(theme.size)} {theme.size === 1 ? 'item' : 'items'}
        </span>
        <span className="spacer" />
        <button
          type="button"
          aria-expanded={open}
          aria-controls={open ? panelId : undefined}
          disabled={theme.size === 0}
          onClick={onToggle}
        >
          {open ? 'Hide members' : 'Show members'}
          <span className="visually-hidden"> of “{theme.label}”</span>
        </button>
      </div>
      <ul className="chips keywords" aria-label="Keywords">
        {theme.keywords.slice(0, 8).map((k) => (
          <li key={k} className="chip">
            {k}
          </li>
        ))}
      </ul>
      <div className="theme-body">
        <dl className="facts">
          <dt>Share</dt>
          <dd>
            {theme.share.trials === 0 ? <span className="muted">no feedback</span> : <IntervalBar rate={theme.share} />}
          </dd>
          <dt>Trend</dt>
          <dd>
            <Trend theme={theme} />
          </dd>
          <dt>Signals</dt>
          <dd>
            <Evidence evidence={theme.evidence} />
          </dd>
          <dt>Cohorts</dt>
          <dd>
            <Concentrations theme={theme} carried={carried} />
          </dd>
        </dl>
        <div className="examples">
          <h4>Typical examples</h4>
          {theme.examples.length === 0 ? (
            <p className="muted">None this period.</p>
          ) : (
            <ul>
              {theme.examples.map((e) => (
                <li key={e.interactionId} className="clamp">
                  <Link
                    href={`/interactions/${encodeURIComponent(e.interactionId)}${carried}`}
                    title={`Open interaction ${e.interactionId}`}
                  >
                    {e.textSource === 'comment' ? <q>{e.text}</q> : `Asked “${e.text}”`}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {open && (
        <div id={panelId}>
          <ThemeMembers themeId={theme.id} label={theme.label} size={theme.size} period={period} carried={carried} />
        </div>
      )}
    </article>
  );
}
