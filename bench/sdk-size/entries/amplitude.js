// @amplitude/analytics-browser, as its docs show.
import * as amplitude from '@amplitude/analytics-browser';

amplitude.init('bench_api_key');
amplitude.track('thumbs', { interactionId: 'int_1', value: 'up' });
