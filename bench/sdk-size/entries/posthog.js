// posthog-js default module entry, as its docs show.
import posthog from 'posthog-js';

posthog.init('phc_bench', { api_host: 'https://us.i.posthog.com' });
posthog.capture('thumbs', { interaction_id: 'int_1', value: 'up' });
