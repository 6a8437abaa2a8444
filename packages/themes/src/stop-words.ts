/**
 * English function words. Kept short on purpose: question words ("why", "how", "when") and negations
 * ("not", "no", "can't") carry meaning in feedback ("why was I charged" vs "how do I pay") and are NOT here.
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an the and or but if then else so than too very of at by for with about against between into through ' +
    'during before after above below to from up down in out on off over under again further once here there ' +
    'all any both each few more most other some such only own same just also i me my myself we our ours ' +
    'ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself they ' +
    'them their theirs themselves this that these those am is are was were be been being have has had having ' +
    'do does did doing would should could ought will shall may might must can im ive id youre youve ' +
    'hi hello please thanks thank pls plz ok okay'
  ).split(' '),
);
