/**
 * `@feedloop/node/openai` — log every call of the official `openai` client as a Feedloop interaction.
 * `openai` is an optional peer dependency: this entry never imports it at run time.
 */

/** Where to log and what with. @example const options: OpenAICallOptions = { tenant: 'acme', promptVersion: '12' }; */
export type { InteractionLogger, OpenAICallOptions } from './call-options.js';
/** Wraps a client. @example const openai = observeOpenAI(new OpenAI(), feedloop, { feature: 'support-chat' }); */
export { observeOpenAI } from './observe-openai.js';
