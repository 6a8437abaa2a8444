/**
 * The one entry point the API and the CLI share: screen what arrived since the last look, read the
 * parameters, run the analysis. A bad parameter is a FeedloopError (FL_VALIDATION) naming the field.
 */
import { FeedloopError } from '@feedloop/core';
import type { Store } from '@feedloop/store';
import { screenProject } from '../screening/screen-signals.js';
import { signalAgreement } from './agreement.js';
import {
  type AnalysisParameters,
  GRANULARITIES,
  ParameterReader,
  readAlpha,
  readArms,
  readCohortOptions,
  readDimension,
  readFilter,
} from './analysis-request.js';
import { captureRate } from './capture-rate.js';
import { cohortMoves } from './cohort-moves.js';
import { cohorts } from './cohorts.js';
import { compare } from './comparison.js';
import { failures } from './failures.js';
import { TooManyPointsError, timeSeries } from './time-series.js';

export const ANALYSES = ['timeseries', 'cohorts', 'compare', 'moves', 'capture-rate', 'failures', 'agreement'] as const;
export type AnalysisName = (typeof ANALYSES)[number];

export interface AnalysisCall {
  store: Store;
  projectId: string;
  params: AnalysisParameters;
  /** `query.` for HTTP parameters, `--` for CLI options: how errors name a field. */
  fieldPrefix: string;
  now?: number;
}

export async function runAnalysis(name: AnalysisName, call: AnalysisCall): Promise<unknown> {
  const { store, projectId } = call;
  const reader = new ParameterReader(call.params, call.fieldPrefix);
  const filter = readFilter(reader, projectId, call.now ?? Date.now());
  const db = store.db;
  switch (name) {
    case 'timeseries': {
      const granularity = reader.oneOf('granularity', GRANULARITIES, 'day');
      reader.check();
      await screenProject(store, projectId);
      try {
        return await timeSeries(db, filter, granularity);
      } catch (error) {
        if (!(error instanceof TooManyPointsError)) throw error;
        throw new FeedloopError('FL_VALIDATION', 'The analysis request is malformed.', {
          details: [{ field: reader.field('granularity'), reason: error.message }],
        });
      }
    }
    case 'cohorts': {
      const dimension = readDimension(reader);
      const options = readCohortOptions(reader);
      reader.check();
      await screenProject(store, projectId);
      return cohorts(db, filter, dimension, options);
    }
    case 'compare': {
      const dimension = readDimension(reader);
      const arms = readArms(reader);
      const alpha = readAlpha(reader);
      reader.check();
      await screenProject(store, projectId);
      return compare(db, filter, dimension, arms, alpha);
    }
    case 'moves': {
      const minSupport = reader.positiveInteger('minSupport');
      reader.check();
      await screenProject(store, projectId);
      return cohortMoves(db, filter, minSupport);
    }
    case 'capture-rate':
      reader.check();
      await screenProject(store, projectId);
      return captureRate(db, filter);
    case 'failures': {
      const minSupport = reader.positiveInteger('minSupport');
      reader.check();
      await screenProject(store, projectId);
      return failures(db, filter, minSupport);
    }
    case 'agreement':
      reader.check();
      await screenProject(store, projectId);
      return signalAgreement(db, filter);
  }
}
