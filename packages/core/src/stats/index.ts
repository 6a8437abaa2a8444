export { type BootstrapOptions, bootstrapMeanFromCounts, bootstrapMeanInterval } from './bootstrap.js';
export { normalCdf, normalQuantile, twoSidedP } from './normal.js';
export {
  type Interval,
  type Proportion,
  type ProportionTest,
  trialsPerGroupNeeded,
  twoProportionTest,
  wilsonInterval,
} from './proportions.js';
export { seededRandom } from './random.js';
export { mannWhitneyFromCounts, mannWhitneyU, type RankTest } from './rank-test.js';
