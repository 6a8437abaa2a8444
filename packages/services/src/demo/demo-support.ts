/**
 * Support chat and help-center search over the demo's help center: questions in the user's language, and
 * answers that cite the retrieved articles, or fail in one of the planted ways.
 */
import type { ContextDocument } from '@feedloop/core';
import type { Draft, Drafter } from './demo-draft.js';
import { ARTICLES, BAD_ARTICLES, HELP_TOPICS, type HelpTopic, retrieve } from './demo-help-center.js';
import type { DemoRandom } from './demo-random.js';
import type { DemoLanguage, FailureTheme } from './demo-world.js';

const QUESTIONS: Record<DemoLanguage, readonly string[]> = {
  en: [
    'How do I {task}?',
    'how can i {task}',
    'I need to {task} — where is that?',
    'Is there a way to {task} without contacting support?',
    "hi, trying to {task} but can't find it",
    "what's the fastest way to {task}?",
  ],
  de: ['Wie kann ich {task}?', 'Hallo, ich möchte {task}. Wo finde ich das?'],
  fr: ['Comment {task} ?', 'Bonjour, je voudrais {task}. Où est-ce ?'],
  es: ['¿Cómo puedo {task}?', 'Hola, quiero {task}, ¿dónde está?'],
  ja: ['{task}方法を教えてください。', '{task}にはどうすればいいですか？'],
};

const REPHRASED: Record<DemoLanguage, readonly string[]> = {
  en: ["that didn't work. how do I {task}?", 'no, I mean: how do I {task}?', 'let me rephrase: I want to {task}'],
  de: ['Nein, ich meine: Wie kann ich {task}?'],
  fr: ['Non, je veux dire : comment {task} ?'],
  es: ['No, me refiero a: ¿cómo puedo {task}?'],
  ja: ['そうではなく、{task}方法を知りたいです。'],
};

/** Good answers: {path}, {button}, {step}, {cite} (the citation), {fact}. */
const ANSWERS: Record<DemoLanguage, readonly string[]> = {
  en: [
    'You’ll find it under {path}: click “{button}”. {step}{fact} See {cite}.',
    'Sure! Go to {path} and choose “{button}”. {step}{fact}\n\nSource: {cite}',
    "Here's how:\n1. Open {path}.\n2. Click “{button}”.\n3. {step}{fact}\n\nMore in {cite}.",
  ],
  de: ['So geht’s: Öffnen Sie {path} und klicken Sie auf „{button}“.{fact} Details im Artikel {cite}.'],
  fr: ['Voici comment faire : ouvrez {path}, puis cliquez sur « {button} ».{fact} Plus de détails dans {cite}.'],
  es: ['Así se hace: abre {path} y haz clic en «{button}».{fact} Más información en {cite}.'],
  ja: ['{path} を開き、「{button}」をクリックしてください。{fact}詳しくは{cite}をご覧ください。'],
};

const FACT: Record<DemoLanguage, string> = {
  en: ' Note: {value}.',
  de: ' Hinweis: {value}.',
  fr: ' Remarque : {value}.',
  es: ' Nota: {value}.',
  ja: '注: {value}。',
};

const PADDING: Record<DemoLanguage, { before: readonly string[]; after: readonly string[] }> = {
  en: {
    before: [
      'Great question! Managing your workspace settings is an important part of keeping everything secure and well organised, and there are several things worth knowing before you start.',
      'Thanks for reaching out! Before we dive in, it helps to understand how settings are organised: personal settings live under Settings, while workspace-wide settings are under Admin, and some options depend on your plan and your role.',
      'I understand how frustrating it can be when you cannot find a setting. Let me walk you through everything in detail so that you have the full picture.',
    ],
    after: [
      'To summarise: it is in {path}, under “{button}”. I hope this helps! If you have any further questions about this or anything else, don’t hesitate to ask — I’m always happy to help.',
      'In conclusion, the steps above should cover most situations. Keep in mind that your administrator may have restricted some options, that changes can take a few minutes to apply, and that you can always contact support if something looks different.',
    ],
  },
  de: {
    before: [
      'Gute Frage! Die Verwaltung Ihrer Einstellungen ist ein wichtiger Teil, um alles sicher und übersichtlich zu halten. Bevor wir beginnen, sollten Sie einiges wissen.',
    ],
    after: [
      'Zusammengefasst: Sie finden es unter {path}. Ich hoffe, das hilft! Wenn Sie weitere Fragen haben, fragen Sie jederzeit gerne.',
    ],
  },
  fr: {
    before: [
      'Excellente question ! La gestion de vos paramètres est essentielle pour garder votre espace sûr et bien organisé. Avant de commencer, voici quelques points importants à connaître.',
    ],
    after: [
      "En résumé : c'est dans {path}. J'espère que cela vous aide ! N'hésitez pas si vous avez d'autres questions.",
    ],
  },
  es: {
    before: [
      '¡Buena pregunta! Gestionar la configuración es una parte importante para mantener todo seguro y organizado. Antes de empezar, conviene saber varias cosas.',
    ],
    after: ['En resumen: está en {path}. ¡Espero que te ayude! Si tienes más preguntas, no dudes en escribirme.'],
  },
  ja: {
    before: [
      '良いご質問です！設定の管理は、ワークスペースを安全かつ整理された状態に保つためにとても重要です。始める前に、いくつか知っておくべきことがあります。',
    ],
    after: ['まとめると、{path} にあります。お役に立てば幸いです！ほかにご質問があれば、いつでもお気軽にどうぞ。'],
  },
};

const REFUSALS: Record<DemoLanguage, readonly string[]> = {
  en: [
    "I'm sorry, but I can't help with account security questions. Please contact your administrator.",
    "I'm not able to assist with that request.",
    "I can't provide help with billing or payment topics. Please reach out to your account manager.",
  ],
  de: ['Es tut mir leid, dabei kann ich Ihnen nicht helfen.'],
  fr: ['Désolé, je ne peux pas vous aider avec cette demande.'],
  es: ['Lo siento, no puedo ayudarte con esa solicitud.'],
  ja: ['申し訳ありませんが、そのご質問にはお答えできません。'],
};

const RESULTS_HEADER: Record<DemoLanguage, { top: string; short: string; none: string }> = {
  en: { top: 'Top results for “{query}”:', short: 'In short:', none: 'No results found for “{query}”.' },
  de: { top: 'Top-Ergebnisse für „{query}“:', short: 'Kurz:', none: 'Keine Ergebnisse für „{query}“.' },
  fr: { top: 'Meilleurs résultats pour « {query} » :', short: 'En bref :', none: 'Aucun résultat pour « {query} ».' },
  es: { top: 'Mejores resultados para «{query}»:', short: 'En resumen:', none: 'No hay resultados para «{query}».' },
  ja: { top: '「{query}」の検索結果:', short: '要点:', none: '「{query}」に一致する結果はありません。' },
};

const OUTDATED_PATH = 'Classic Admin Console → Subscription';
const OUTDATED_PRICE = '$12 per seat per month';

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => slots[name] ?? whole);
}

/** A topic for a new question, or the one being rephrased. */
function topicFor(random: DemoRandom, key: string | undefined): HelpTopic {
  return HELP_TOPICS.find((t) => t.key === key) ?? random.pick(HELP_TOPICS);
}

/** The rank (1-based) and title of the first retrieved article that is not a planted bad one. */
function bestSource(context: ContextDocument[]): { rank: number; title: string } {
  const index = Math.max(
    0,
    context.findIndex((d) => !(BAD_ARTICLES as readonly string[]).includes(d.id)),
  );
  const title = ARTICLES.find((a) => a.id === context[index]?.id)?.title ?? 'Help center';
  return { rank: index + 1, title };
}

/** A citation that leads nowhere: a source number that was not retrieved, a dead link, a wrong article. */
function brokenCitation(random: DemoRandom, title: string): string {
  const dead = `https://help.example.com/articles/${random.int(10_000, 99_999)}`;
  const other = random.pick(ARTICLES).title;
  return random.pick([
    `“${title}” [${random.int(4, 6)}]`,
    `“${title}” (${dead})`,
    `“${other}” [1]`,
    `[${random.int(4, 7)}]`,
  ]);
}

function supportAnswer(
  random: DemoRandom,
  topic: HelpTopic,
  context: ContextDocument[],
  language: DemoLanguage,
  theme: FailureTheme | null,
): string {
  if (theme === 'refused-incorrectly') return random.pick(REFUSALS[language]);
  if (theme === 'wrong-answer') {
    return supportAnswer(random, random.pick(HELP_TOPICS.filter((t) => t !== topic)), context, language, null);
  }
  const source = bestSource(context);
  const fact =
    theme === 'hallucinated-numbers'
      ? topic.fact
        ? random.pick(topic.fact.invented)
        : `up to ${random.int(2, 40) * 250} per workspace`
      : theme === 'outdated-info' && topic.fact?.true.includes('per seat')
        ? OUTDATED_PRICE
        : topic.fact?.true;
  // A step that already states the figure carries the changed one; otherwise a note states it.
  const truth = topic.fact?.true;
  const step = truth !== undefined && fact !== undefined ? topic.step.replace(truth, fact) : topic.step;
  const noted = fact !== undefined && !(language === 'en' && step.includes(fact));
  const slots = {
    path: theme === 'outdated-info' ? OUTDATED_PATH : topic.path,
    button: topic.button,
    step,
    fact: noted ? fill(FACT[language], { value: fact }) : '',
    cite: theme === 'broken-citations' ? brokenCitation(random, source.title) : `“${source.title}” [${source.rank}]`,
  };
  const body = fill(random.pick(ANSWERS[language]), slots);
  if (theme === 'wrong-format') {
    return `\`\`\`json\n${JSON.stringify({ answer: body.replace(/\n+/g, ' '), sources: context.map((d) => d.id), confidence: 0.82 }, null, 2)}\n\`\`\``;
  }
  if (theme === 'too-verbose') {
    const padding = PADDING[language];
    return [
      random.pick(padding.before),
      random.pick(padding.before),
      body,
      fill(random.pick(padding.after), slots),
    ].join('\n\n');
  }
  return body;
}

export const draftSupportChat: Drafter = (random, request): Draft => {
  const topic = topicFor(random, request.rephraseOf);
  const frames = request.rephraseOf === undefined ? QUESTIONS : REPHRASED;
  const question = fill(random.pick(frames[request.language]), { task: topic.task[request.language] });
  const context = retrieve(random, topic);
  return {
    topic: topic.key,
    input: [...request.history.slice(-2), { role: 'user', content: question }],
    context,
    answer: (theme) => supportAnswer(random, topic, context, request.language, theme),
  };
};

function searchAnswer(
  random: DemoRandom,
  topic: HelpTopic,
  query: string,
  context: ContextDocument[],
  language: DemoLanguage,
  theme: FailureTheme | null,
): string {
  const header = RESULTS_HEADER[language];
  if (theme === 'refused-incorrectly') return fill(header.none, { query });
  if (theme === 'wrong-answer') {
    const other = random.pick(HELP_TOPICS.filter((t) => t !== topic));
    return searchAnswer(random, other, query, retrieve(random, other), language, null);
  }
  const shown = theme === 'too-verbose' ? [...context, ...context] : context.slice(0, 2);
  const lines = shown.map((doc, i) => {
    const title = ARTICLES.find((a) => a.id === doc.id)?.title ?? doc.id;
    const snippet = (doc.text ?? '').replace(`${title}. `, '');
    const cite =
      theme === 'broken-citations' && random.chance(0.6)
        ? `[${random.int(4, 8)}] https://help.example.com/articles/${random.int(10_000, 99_999)}`
        : `[${(i % context.length) + 1}]`;
    return `${i + 1}. ${title} — ${snippet} ${cite}`;
  });
  const path = theme === 'outdated-info' ? OUTDATED_PATH : topic.path;
  const fact =
    theme === 'hallucinated-numbers'
      ? ` ${topic.fact ? random.pick(topic.fact.invented) : `${random.int(2, 90)}× faster since the last update`}.`
      : topic.fact
        ? ` ${topic.fact.true}.`
        : '';
  const citeShort = theme === 'broken-citations' ? `[${random.int(4, 6)}]` : `[${bestSource(context).rank}]`;
  const short = `${header.short} ${path} → “${topic.button}”.${fact} ${citeShort}`;
  if (theme === 'wrong-format') {
    return `${topic.step} ${(context[0]?.text ?? '').toLowerCase()} ${path} ${topic.button} ${fact}`.replace(
      /\s+/g,
      ' ',
    );
  }
  return [fill(header.top, { query }), ...lines, '', short].join('\n');
}

export const draftSearch: Drafter = (random, request): Draft => {
  const topic = topicFor(random, request.rephraseOf);
  const base = topic.query[request.language];
  const query =
    request.language === 'en'
      ? random.pick([base, `how to ${topic.task.en}`, `${base}?`, base.split(' ').slice(0, 2).join(' ')])
      : random.pick([base, topic.task[request.language]]);
  const context = retrieve(random, topic);
  return {
    topic: topic.key,
    input: query,
    context,
    answer: (theme) => searchAnswer(random, topic, query, context, request.language, theme),
  };
};
