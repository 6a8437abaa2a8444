/**
 * What people write in the comment box, the way they write it: short, lower case, impatient, sometimes
 * in their own language. Each failure theme has its own ways of being described, so clustering the
 * comments finds the themes; some comments say nothing specific, as real ones do.
 */
import type { DemoRandom } from './demo-random.js';
import type { DemoLanguage, FailureTheme } from './demo-world.js';

const ENGLISH: Record<FailureTheme | 'generic' | 'praise', readonly string[]> = {
  'broken-citations': [
    'the link is broken',
    'source link goes to a 404',
    'citation [4] doesnt exist??',
    'links in the answer dont work',
    'the article it cites is not there, 404 page',
    'clicked the source and got page not found',
    'the reference points to a different article',
    'broken link again',
    'why does it cite an article that does not exist',
    'sources are wrong, none of them says this',
    'the help center link is dead',
    'cited [5] but there are only 3 sources',
  ],
  'too-verbose': [
    'way too long, just give me the steps',
    'tl;dr please',
    'too much text',
    'i had to scroll forever to find the answer',
    'wordy. the actual answer is in the last line',
    'can it be shorter? nobody reads all that',
    'stop with the intro paragraphs',
    'way too verbose for a simple question',
  ],
  'outdated-info': [
    "this is the old UI, that menu doesn't exist anymore",
    'price is wrong, we pay $15 not $12',
    'outdated - the classic console was removed months ago',
    'these instructions are from last year',
    'settings look different now, not helpful',
    'there is no Classic Admin Console anymore',
    'old pricing page again',
    'uses a deprecated API',
  ],
  'wrong-format': [
    'i asked for bullet points',
    'why is the answer in JSON??',
    'no code, just an explanation',
    'wrong language, I asked for TypeScript',
    'formatting is broken',
    'asked for 3 bullets, got a wall of text',
    'raw json in the chat window lol',
    'please just the code block',
  ],
  'refused-incorrectly': [
    "why won't it answer? this is a normal question",
    'it refused to help with resetting MY OWN password',
    '"I can\'t help with that" - seriously?',
    'refuses everything lately',
    'not a sensitive request, just answer it',
    'it says it cannot help with billing. it is a billing assistant',
    'refused to summarize our own meeting notes',
  ],
  'hallucinated-numbers': [
    'where does 10,000 req/s come from? the docs say 600/min',
    'made up numbers',
    'the numbers in the summary are not in the document',
    'revenue grew 12%, not 340%',
    'these limits are wrong',
    'it invented statistics',
    'the price it quotes does not exist',
    'none of these figures are in the source',
  ],
  'wrong-answer': [
    'not what I asked',
    'wrong answer',
    "didn't help",
    'this is about something else entirely',
    'doesnt answer the question',
    'missed the main point',
    'irrelevant',
    'no',
  ],
  'buggy-code': [
    "doesn't compile",
    'off by one error in the loop',
    'throws on empty input',
    'uses a function that does not exist',
    'the test fails with this',
    'wrong return type',
  ],
  generic: ['meh', 'not great', 'could be better', 'hmm', 'bad', 'useless'],
  praise: [
    'perfect, thanks!',
    'exactly what I needed',
    'saved me a support ticket',
    'nice, quick and correct',
    'great summary',
    'works 👍',
    'clear and short, love it',
    'thanks, that fixed it',
  ],
};

/** A few per theme in the other languages: people write in their own language about half the time. */
const LOCAL: Record<
  Exclude<DemoLanguage, 'en'>,
  Partial<Record<FailureTheme | 'generic' | 'praise', readonly string[]>>
> = {
  de: {
    'broken-citations': [
      'Der Link ist kaputt',
      'Quelle führt zu einer 404-Seite',
      'Der verlinkte Artikel existiert nicht',
    ],
    'too-verbose': ['Viel zu lang', 'Bitte kürzer, nur die Schritte'],
    'outdated-info': ['Das ist veraltet, das Menü gibt es nicht mehr', 'Preis stimmt nicht mehr'],
    'wrong-format': ['Falsches Format, ich wollte Stichpunkte'],
    'refused-incorrectly': ['Warum verweigert es die Antwort? Ganz normale Frage'],
    'hallucinated-numbers': ['Die Zahlen sind erfunden', 'Diese Limits stimmen nicht'],
    'wrong-answer': ['Hat nicht geholfen', 'Falsche Antwort'],
    praise: ['Super, danke!', 'Genau das habe ich gesucht'],
  },
  fr: {
    'broken-citations': [
      'Le lien ne fonctionne pas',
      'la source renvoie une erreur 404',
      "l'article cité n'existe pas",
    ],
    'too-verbose': ['Beaucoup trop long', 'trop de texte, juste les étapes svp'],
    'outdated-info': ["C'est l'ancienne interface", 'information obsolète, le prix a changé'],
    'wrong-format': ["J'ai demandé une liste à puces"],
    'refused-incorrectly': ['Pourquoi refuser ? Question tout à fait normale'],
    'hallucinated-numbers': ['Les chiffres sont inventés', 'ces limites sont fausses'],
    'wrong-answer': ['Ça ne répond pas à la question', 'Pas du tout ce que je demandais'],
    praise: ['Parfait, merci !', 'Très clair'],
  },
  es: {
    'broken-citations': ['El enlace está roto', 'la fuente da error 404', 'el artículo citado no existe'],
    'too-verbose': ['Demasiado largo', 'mucho texto, solo los pasos por favor'],
    'outdated-info': ['Información desactualizada', 'ese menú ya no existe'],
    'wrong-format': ['Pedí una lista, no un párrafo'],
    'refused-incorrectly': ['¿Por qué no responde? Es una pregunta normal'],
    'hallucinated-numbers': ['Los números son inventados', 'esos límites no son correctos'],
    'wrong-answer': ['No me ayudó', 'Respuesta incorrecta'],
    praise: ['¡Perfecto, gracias!', 'Justo lo que necesitaba'],
  },
  ja: {
    'broken-citations': ['リンクが切れています', '参照先のページが見つかりません', '引用されている記事が存在しない'],
    'too-verbose': ['長すぎます', '手順だけ教えてほしい'],
    'outdated-info': ['情報が古いです', 'そのメニューはもうありません'],
    'wrong-format': ['箇条書きでお願いしたのに'],
    'refused-incorrectly': ['普通の質問なのに回答を拒否された'],
    'hallucinated-numbers': ['数字がでたらめです', 'この上限値は間違っています'],
    'wrong-answer': ['質問の答えになっていない', '役に立たなかった'],
    praise: ['助かりました！', 'わかりやすいです'],
  },
};

/** Small changes people make to the same complaint: a sigh before it, an "again" after it. */
function vary(random: DemoRandom, text: string): string {
  let out = text;
  if (random.chance(0.15)) out = `${random.pick(['ugh, ', 'hm ', 'again: ', 'honestly ', 'sorry but '])}${out}`;
  if (random.chance(0.12)) out = `${out}${random.pick([' again', '!!', '...', ' (third time today)', ' pls fix'])}`;
  if (random.chance(0.2)) out = out.charAt(0).toUpperCase() + out.slice(1);
  return out;
}

/**
 * A comment on a failed answer of this theme; a quarter say nothing specific, as real comments often
 * don't; or praise for a good answer (`theme` null).
 */
export function commentFor(random: DemoRandom, language: DemoLanguage, theme: FailureTheme | null): string {
  const kind =
    theme === null ? 'praise' : random.chance(0.22) ? (random.chance(0.5) ? 'generic' : 'wrong-answer') : theme;
  const local = language === 'en' ? undefined : LOCAL[language][kind];
  if (local && random.chance(0.5)) return random.pick(local);
  return vary(random, random.pick(ENGLISH[kind]));
}
