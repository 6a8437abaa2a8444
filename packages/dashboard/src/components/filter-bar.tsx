/**
 * The filter bar every analysis page shares: time range (presets or custom days), granularity, the seven
 * dimensions and whether to include what the abuse filter set aside. Everything lives in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { cohortsQuery } from '../api/analysis-queries';
import {
  analysisParams,
  DIMENSION_LABELS,
  DIMENSIONS,
  type Dimension,
  dayString,
  type Filters,
  GRANULARITIES,
  RANGE_PRESETS,
  timeRange,
} from '../lib/filters';
import { useFilters } from './use-filters';

const RANGE_LABELS: Record<string, string> = { '7d': '7 days', '30d': '30 days', '90d': '90 days', custom: 'Custom' };

export interface FilterBarProps {
  granularity?: boolean;
  unfiltered?: boolean;
  /** Dimensions this page cannot filter by (shown disabled, with the reason). */
  unsupported?: { dimensions: Dimension[]; reason: string };
}

/** Values seen for a dimension in the current range, offered as suggestions once the field is focused. */
function DimensionField({
  dimension,
  filters,
  value,
  onChange,
  disabled,
}: {
  dimension: Dimension;
  filters: Filters;
  value: string;
  onChange: (value: string) => void;
  disabled: boolean;
}) {
  const id = useId();
  const [wanted, setWanted] = useState(false);
  const params = analysisParams({ ...filters, dimensions: {} }, Date.now());
  const suggestions = useQuery({
    ...cohortsQuery({ ...params, dimension, minSupport: '1', sort: 'volume' }),
    enabled: wanted && !disabled,
  });
  return (
    <div className="field">
      <label htmlFor={id}>{DIMENSION_LABELS[dimension]}</label>
      <input
        id={id}
        type="text"
        name={dimension}
        value={value}
        placeholder="any"
        disabled={disabled}
        list={`${id}-values`}
        autoComplete="off"
        onFocus={() => setWanted(true)}
        onChange={(event) => onChange(event.target.value)}
      />
      <datalist id={`${id}-values`}>
        {suggestions.data?.cohorts
          .filter((c) => c.value !== '')
          .map((c) => (
            <option key={c.value} value={c.value} />
          ))}
      </datalist>
    </div>
  );
}

export function FilterBar({ granularity = true, unfiltered = true, unsupported }: FilterBarProps) {
  const [filters, setFilters] = useFilters();
  const [draft, setDraft] = useState(filters.dimensions);
  const [open, setOpen] = useState(() => Object.keys(filters.dimensions).length > 0);
  const range = timeRange(filters, Date.now());
  const fromId = useId();
  const toId = useId();
  const granularityId = useId();
  const panelId = useId();

  // When the URL changes (back button, a link), the fields follow it.
  useEffect(() => setDraft(filters.dimensions), [filters.dimensions]);

  const applyDimensions = (event: FormEvent) => {
    event.preventDefault();
    const dimensions: Filters['dimensions'] = {};
    for (const [name, value] of Object.entries(draft)) {
      const trimmed = value?.trim();
      if (trimmed) dimensions[name as Dimension] = trimmed;
    }
    setFilters({ dimensions });
  };
  const activeCount = Object.keys(filters.dimensions).length;

  return (
    <section className="filter-bar" aria-label="Filters">
      <div className="row">
        <fieldset className="range">
          <legend>
            <strong>Time range</strong> <span className="hint">(UTC days)</span>
          </legend>
          <div className="segmented">
            {[...RANGE_PRESETS, 'custom' as const].map((preset) => (
              <button
                key={preset}
                type="button"
                aria-pressed={filters.range === preset}
                onClick={() =>
                  setFilters(
                    preset === 'custom'
                      ? { range: 'custom', fromDay: dayString(range.from), toDay: dayString(range.to - 1) }
                      : { range: preset, fromDay: undefined, toDay: undefined },
                  )
                }
              >
                {RANGE_LABELS[preset]}
              </button>
            ))}
          </div>
        </fieldset>
        {filters.range === 'custom' && (
          <>
            <div className="field">
              <label htmlFor={fromId}>From</label>
              <input
                id={fromId}
                type="date"
                value={filters.fromDay ?? ''}
                max={filters.toDay}
                onChange={(e) => e.target.value && setFilters({ fromDay: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={toId}>To (included)</label>
              <input
                id={toId}
                type="date"
                value={filters.toDay ?? ''}
                min={filters.fromDay}
                onChange={(e) => e.target.value && setFilters({ toDay: e.target.value })}
              />
            </div>
          </>
        )}
        {granularity && (
          <div className="field">
            <label htmlFor={granularityId}>Granularity</label>
            <select
              id={granularityId}
              value={filters.granularity}
              onChange={(e) => setFilters({ granularity: e.target.value as Filters['granularity'] })}
            >
              {GRANULARITIES.map((g) => (
                <option key={g} value={g}>
                  {g === 'hour' ? 'Hourly' : g === 'day' ? 'Daily' : 'Weekly'}
                </option>
              ))}
            </select>
          </div>
        )}
        {unfiltered && (
          <label className="check">
            <input
              type="checkbox"
              checked={filters.unfiltered}
              onChange={(e) => setFilters({ unfiltered: e.target.checked })}
            />
            Include filtered votes
          </label>
        )}
        <button type="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {open ? 'Hide dimension filters' : 'Dimension filters'}
          {activeCount > 0 && ` (${activeCount} active)`}
        </button>
      </div>
      {open && (
        <form id={panelId} onSubmit={applyDimensions} aria-label="Dimension filters">
          <div className="dimension-filters">
            {DIMENSIONS.map((d) => (
              <DimensionField
                key={d}
                dimension={d}
                filters={filters}
                value={draft[d] ?? ''}
                disabled={unsupported?.dimensions.includes(d) ?? false}
                onChange={(value) => setDraft({ ...draft, [d]: value })}
              />
            ))}
          </div>
          {unsupported && <p className="hint muted">{unsupported.reason}</p>}
          <div className="row" style={{ marginTop: '0.6rem' }}>
            <button type="submit" className="primary">
              Apply filters
            </button>
            <button
              type="button"
              onClick={() => {
                setDraft({});
                setFilters({ dimensions: {} });
              }}
            >
              Clear
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
