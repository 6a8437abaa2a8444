// langfuse v3 browser client (LangfuseWeb): user feedback is a score on a trace.
import { LangfuseWeb } from 'langfuse';

const langfuse = new LangfuseWeb({ publicKey: 'pk-lf-bench', baseUrl: 'https://cloud.langfuse.com' });
langfuse.score({ traceId: 'int_1', name: 'user-feedback', value: 1 });
