// @segment/analytics-next npm usage, as its docs show.
import { AnalyticsBrowser } from '@segment/analytics-next';

const analytics = AnalyticsBrowser.load({ writeKey: 'bench_write_key' });
analytics.track('thumbs', { interactionId: 'int_1', value: 'up' });
