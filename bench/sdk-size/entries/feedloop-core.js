// Feedloop capture core: the documented minimal use.
import { init, thumbs } from '@feedloop/browser';

init({ endpoint: 'https://feedback.example.com', publicKey: 'fl_pk_bench' });
thumbs('int_1', 'up');
