// Feedloop widget: importing it defines <feedloop-feedback> (and brings in the core).
import '@feedloop/browser/widget';
import { init } from '@feedloop/browser';

init({ endpoint: 'https://feedback.example.com', publicKey: 'fl_pk_bench' });
