// posthog-js slim entry (dist/module.slim.js: core without the bundled extensions).
import posthog from 'posthog-js/dist/module.slim';

posthog.init('phc_bench', { api_host: 'https://us.i.posthog.com' });
posthog.capture('thumbs', { interaction_id: 'int_1', value: 'up' });
