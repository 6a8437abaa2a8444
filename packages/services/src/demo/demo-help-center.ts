/**
 * The help center the support chat and search retrieve from: articles with ids, and the questions people
 * ask about them in five languages. Two articles are planted as bad: kb-117 still describes the 2023 plans
 * and the classic console, kb-131 lists rate limits that were never true.
 */
import type { ContextDocument } from '@feedloop/core';
import type { DemoRandom } from './demo-random.js';
import type { DemoLanguage } from './demo-world.js';

export interface Article {
  id: string;
  title: string;
  source: 'help-center' | 'dev-docs' | 'changelog';
  text: string;
}

export const BAD_ARTICLES = ['kb-117', 'kb-131'] as const;

export const ARTICLES: readonly Article[] = [
  {
    id: 'kb-101',
    title: 'Reset your password',
    source: 'help-center',
    text: 'Open Settings → Security and choose "Reset password". We email a link that is valid for 30 minutes.',
  },
  {
    id: 'kb-102',
    title: 'Account security settings',
    source: 'help-center',
    text: 'Settings → Security holds your password, two-factor authentication and active sessions.',
  },
  {
    id: 'kb-103',
    title: 'Two-factor authentication',
    source: 'help-center',
    text: 'Turn on 2FA in Settings → Security → Two-factor. Authenticator apps and security keys are supported.',
  },
  {
    id: 'kb-105',
    title: 'Set up SSO with Okta',
    source: 'help-center',
    text: 'Admins add the Feedloop app in Okta, then paste the metadata URL under Admin → Authentication → SAML.',
  },
  {
    id: 'kb-106',
    title: 'SAML troubleshooting',
    source: 'help-center',
    text: 'Most SAML errors come from a clock skew or a wrong ACS URL. Check the audience URI matches exactly.',
  },
  {
    id: 'kb-110',
    title: 'Download invoices',
    source: 'help-center',
    text: 'Invoices are under Admin → Billing → Invoices. Each one can be downloaded as PDF.',
  },
  {
    id: 'kb-111',
    title: 'Add a VAT number',
    source: 'help-center',
    text: 'Add your VAT ID under Admin → Billing → Company details; it appears on the next invoice.',
  },
  {
    id: 'kb-112',
    title: 'Change your plan',
    source: 'help-center',
    text: 'Admin → Billing → Plan shows your plan. Upgrades apply at once, downgrades at the end of the period.',
  },
  {
    id: 'kb-113',
    title: 'Add or remove seats',
    source: 'help-center',
    text: 'Admin → Members → Seats. Added seats are prorated; removed seats are credited on the next invoice.',
  },
  {
    id: 'kb-117',
    title: 'Plans and pricing (2023)',
    source: 'help-center',
    text: 'Team costs $12 per seat per month. Manage your subscription in the Classic Admin Console → Subscription.',
  },
  {
    id: 'kb-118',
    title: 'Plans and pricing',
    source: 'help-center',
    text: 'Team costs $15 per seat per month, Business $29. Change plans under Admin → Billing → Plan.',
  },
  {
    id: 'kb-120',
    title: 'Export your workspace data',
    source: 'help-center',
    text: 'Admin → Data → Export creates a ZIP of all projects as JSON and CSV. Large exports are emailed.',
  },
  {
    id: 'kb-121',
    title: 'Data retention',
    source: 'help-center',
    text: 'Deleted items stay in the trash for 30 days. Admins can set a retention period under Admin → Data.',
  },
  {
    id: 'kb-122',
    title: 'Delete a workspace',
    source: 'help-center',
    text: 'Only the owner can delete a workspace: Admin → Workspace → Delete. This cannot be undone.',
  },
  {
    id: 'kb-130',
    title: 'Create and rotate API keys',
    source: 'dev-docs',
    text: 'Create keys under Settings → Developer → API keys. Rotate by creating a new key before revoking the old.',
  },
  {
    id: 'kb-131',
    title: 'API rate limits',
    source: 'dev-docs',
    text: 'Every plan allows 10,000 requests per second and unlimited bulk imports.',
  },
  {
    id: 'kb-132',
    title: 'Authentication for the REST API',
    source: 'dev-docs',
    text: 'Send the key as "Authorization: Bearer <key>". Keys are scoped to one workspace.',
  },
  {
    id: 'kb-133',
    title: 'Handling 429 responses',
    source: 'dev-docs',
    text: 'The API allows 600 requests per minute per key. On 429, wait for the Retry-After header.',
  },
  {
    id: 'kb-134',
    title: 'Webhook events',
    source: 'dev-docs',
    text: 'Subscribe to item.created, item.updated and member.joined under Settings → Developer → Webhooks.',
  },
  {
    id: 'kb-135',
    title: 'Webhooks: signing and retries',
    source: 'dev-docs',
    text: 'Each delivery is signed with HMAC-SHA256 in the X-Signature header and retried 5 times with backoff.',
  },
  {
    id: 'kb-136',
    title: 'Bulk import via CSV',
    source: 'dev-docs',
    text: 'Imports accept CSV files up to 50 MB (about 200,000 rows) under Admin → Data → Import.',
  },
  {
    id: 'kb-140',
    title: 'Connect Slack',
    source: 'help-center',
    text: 'Settings → Integrations → Slack → Connect. Choose the channels that receive notifications.',
  },
  {
    id: 'kb-141',
    title: 'Notification settings',
    source: 'help-center',
    text: 'Each member chooses email, Slack or in-app notifications under Settings → Notifications.',
  },
  {
    id: 'cl-2026-09',
    title: 'Changelog: the new admin area',
    source: 'changelog',
    text: 'September 2026: the Classic Admin Console is retired; every admin page now lives under Admin.',
  },
];

const byId = new Map(ARTICLES.map((a) => [a.id, a]));

export function article(id: string): Article {
  const found = byId.get(id);
  if (!found) throw new Error(`no demo article ${id}`);
  return found;
}

/** What someone wants to do, phrased per language as a verb phrase that completes "How do I …?". */
export interface HelpTopic {
  key: string;
  task: Record<DemoLanguage, string>;
  /** Short search words per language. */
  query: Record<DemoLanguage, string>;
  path: string;
  button: string;
  /** One more step, in English: the answer's third line. */
  step: string;
  articles: readonly string[];
  /** A planted bad article this topic retrieves, and how often. */
  bad?: { id: (typeof BAD_ARTICLES)[number]; rate: number };
  /** A number a good answer states; a hallucinating one invents another. */
  fact?: { true: string; invented: readonly string[] };
}

export const HELP_TOPICS: readonly HelpTopic[] = [
  {
    key: 'reset-password',
    task: {
      en: 'reset my password',
      de: 'mein Passwort zurücksetzen',
      fr: 'réinitialiser mon mot de passe',
      es: 'restablecer mi contraseña',
      ja: 'パスワードをリセットする',
    },
    query: {
      en: 'reset password',
      de: 'Passwort zurücksetzen',
      fr: 'mot de passe oublié',
      es: 'restablecer contraseña',
      ja: 'パスワード リセット',
    },
    path: 'Settings → Security',
    button: 'Reset password',
    step: 'Check your inbox: the link is valid for 30 minutes.',
    articles: ['kb-101', 'kb-102'],
    fact: { true: '30 minutes', invented: ['24 hours', '5 minutes', '7 days'] },
  },
  {
    key: 'sso-okta',
    task: {
      en: 'set up SSO with Okta',
      de: 'SSO mit Okta einrichten',
      fr: 'configurer le SSO avec Okta',
      es: 'configurar el SSO con Okta',
      ja: 'OktaでSSOを設定する',
    },
    query: {
      en: 'okta sso saml setup',
      de: 'Okta SSO einrichten',
      fr: 'SSO Okta configuration',
      es: 'SSO Okta configurar',
      ja: 'Okta SSO 設定',
    },
    path: 'Admin → Authentication → SAML',
    button: 'Add identity provider',
    step: 'Paste the metadata URL from Okta and save.',
    articles: ['kb-105', 'kb-106'],
  },
  {
    key: 'two-factor',
    task: {
      en: 'turn on two-factor authentication',
      de: 'die Zwei-Faktor-Authentifizierung aktivieren',
      fr: "activer l'authentification à deux facteurs",
      es: 'activar la autenticación en dos pasos',
      ja: '二要素認証を有効にする',
    },
    query: { en: '2fa enable', de: '2FA aktivieren', fr: 'activer 2FA', es: 'activar 2FA', ja: '二要素認証' },
    path: 'Settings → Security → Two-factor',
    button: 'Enable',
    step: 'Scan the QR code with your authenticator app.',
    articles: ['kb-103', 'kb-102'],
  },
  {
    key: 'invoices',
    task: {
      en: 'download last month’s invoice',
      de: 'die Rechnung vom letzten Monat herunterladen',
      fr: 'télécharger la facture du mois dernier',
      es: 'descargar la factura del mes pasado',
      ja: '先月の請求書をダウンロードする',
    },
    query: {
      en: 'invoice pdf download',
      de: 'Rechnung herunterladen',
      fr: 'facture PDF',
      es: 'factura descargar',
      ja: '請求書 ダウンロード',
    },
    path: 'Admin → Billing → Invoices',
    button: 'Download PDF',
    step: 'Invoices older than 12 months are under "Archive".',
    articles: ['kb-110', 'kb-111'],
    bad: { id: 'kb-117', rate: 0.2 },
  },
  {
    key: 'change-plan',
    task: {
      en: 'upgrade to the Business plan',
      de: 'auf den Business-Tarif upgraden',
      fr: "passer à l'offre Business",
      es: 'cambiar al plan Business',
      ja: 'Businessプランにアップグレードする',
    },
    query: {
      en: 'business plan price',
      de: 'Business Tarif Preis',
      fr: 'prix offre Business',
      es: 'precio plan Business',
      ja: 'Businessプラン 料金',
    },
    path: 'Admin → Billing → Plan',
    button: 'Change plan',
    step: 'The upgrade applies at once and is prorated.',
    articles: ['kb-118', 'kb-112'],
    bad: { id: 'kb-117', rate: 0.35 },
    fact: { true: '$29 per seat per month', invented: ['$9 per seat per month', '$49 per seat per month'] },
  },
  {
    key: 'add-seats',
    task: {
      en: 'add five more seats',
      de: 'fünf weitere Lizenzen hinzufügen',
      fr: 'ajouter cinq licences',
      es: 'añadir cinco licencias más',
      ja: 'シートを5つ追加する',
    },
    query: {
      en: 'add seats members',
      de: 'Lizenzen hinzufügen',
      fr: 'ajouter des licences',
      es: 'añadir licencias',
      ja: 'シート 追加',
    },
    path: 'Admin → Members → Seats',
    button: 'Add seats',
    step: 'New seats are prorated on the next invoice.',
    articles: ['kb-113', 'kb-118'],
    bad: { id: 'kb-117', rate: 0.3 },
    fact: { true: '$15 per seat per month', invented: ['$5 per seat per month', '$45 per seat per month'] },
  },
  {
    key: 'api-keys',
    task: {
      en: 'rotate our API key',
      de: 'unseren API-Schlüssel rotieren',
      fr: "renouveler notre clé d'API",
      es: 'rotar nuestra clave de API',
      ja: 'APIキーをローテーションする',
    },
    query: {
      en: 'rotate api key',
      de: 'API-Schlüssel erneuern',
      fr: "clé d'API renouveler",
      es: 'rotar clave API',
      ja: 'APIキー 更新',
    },
    path: 'Settings → Developer → API keys',
    button: 'Create key',
    step: 'Deploy the new key, then revoke the old one.',
    articles: ['kb-130', 'kb-132'],
    bad: { id: 'kb-131', rate: 0.1 },
  },
  {
    key: 'rate-limits',
    task: {
      en: 'stop getting 429 errors from the API',
      de: 'die 429-Fehler der API vermeiden',
      fr: "éviter les erreurs 429 de l'API",
      es: 'evitar los errores 429 de la API',
      ja: 'APIの429エラーを回避する',
    },
    query: {
      en: 'api rate limit 429',
      de: 'API Limit 429',
      fr: 'limite API 429',
      es: 'límite API 429',
      ja: 'API レート制限 429',
    },
    path: 'Settings → Developer → Usage',
    button: 'View limits',
    step: 'Back off and retry after the Retry-After header.',
    articles: ['kb-133', 'kb-132'],
    bad: { id: 'kb-131', rate: 0.45 },
    fact: {
      true: '600 requests per minute',
      invented: ['10,000 requests per second', '50 requests per minute', '1 million requests per day'],
    },
  },
  {
    key: 'webhooks',
    task: {
      en: 'verify webhook signatures',
      de: 'Webhook-Signaturen prüfen',
      fr: 'vérifier la signature des webhooks',
      es: 'verificar las firmas de los webhooks',
      ja: 'Webhookの署名を検証する',
    },
    query: {
      en: 'webhook signature hmac',
      de: 'Webhook Signatur',
      fr: 'signature webhook',
      es: 'firma webhook',
      ja: 'Webhook 署名',
    },
    path: 'Settings → Developer → Webhooks',
    button: 'Show signing secret',
    step: 'Compare the HMAC-SHA256 of the body with the X-Signature header.',
    articles: ['kb-135', 'kb-134'],
    bad: { id: 'kb-131', rate: 0.1 },
    fact: { true: '5 retries', invented: ['50 retries', 'no retries'] },
  },
  {
    key: 'export-data',
    task: {
      en: 'export all our data',
      de: 'alle unsere Daten exportieren',
      fr: 'exporter toutes nos données',
      es: 'exportar todos nuestros datos',
      ja: 'すべてのデータをエクスポートする',
    },
    query: {
      en: 'export workspace data csv',
      de: 'Daten exportieren',
      fr: 'exporter les données',
      es: 'exportar datos',
      ja: 'データ エクスポート',
    },
    path: 'Admin → Data → Export',
    button: 'Start export',
    step: 'Large exports arrive by email as a ZIP.',
    articles: ['kb-120', 'kb-121'],
  },
  {
    key: 'slack',
    task: {
      en: 'connect Slack',
      de: 'Slack verbinden',
      fr: 'connecter Slack',
      es: 'conectar Slack',
      ja: 'Slackと連携する',
    },
    query: {
      en: 'slack integration notifications',
      de: 'Slack Integration',
      fr: 'intégration Slack',
      es: 'integración Slack',
      ja: 'Slack 連携',
    },
    path: 'Settings → Integrations → Slack',
    button: 'Connect',
    step: 'Pick the channels that should receive notifications.',
    articles: ['kb-140', 'kb-141'],
  },
  {
    key: 'bulk-import',
    task: {
      en: 'import 100k rows from a CSV',
      de: '100.000 Zeilen aus einer CSV importieren',
      fr: 'importer 100 000 lignes depuis un CSV',
      es: 'importar 100.000 filas desde un CSV',
      ja: 'CSVから10万行をインポートする',
    },
    query: {
      en: 'bulk csv import limit',
      de: 'CSV Import Limit',
      fr: 'import CSV limite',
      es: 'importar CSV límite',
      ja: 'CSV インポート 上限',
    },
    path: 'Admin → Data → Import',
    button: 'Upload CSV',
    step: 'Files up to 50 MB (about 200,000 rows) are accepted.',
    articles: ['kb-136', 'kb-120'],
    bad: { id: 'kb-131', rate: 0.3 },
    fact: { true: '50 MB', invented: ['5 GB', '2 MB', 'unlimited'] },
  },
  {
    key: 'delete-workspace',
    task: {
      en: 'delete our old workspace',
      de: 'unseren alten Workspace löschen',
      fr: 'supprimer notre ancien espace de travail',
      es: 'eliminar nuestro antiguo espacio de trabajo',
      ja: '古いワークスペースを削除する',
    },
    query: {
      en: 'delete workspace',
      de: 'Workspace löschen',
      fr: 'supprimer espace de travail',
      es: 'eliminar espacio',
      ja: 'ワークスペース 削除',
    },
    path: 'Admin → Workspace',
    button: 'Delete workspace',
    step: 'Only the owner can do this, and it cannot be undone.',
    articles: ['kb-122', 'kb-121'],
  },
];

/**
 * The passages a retriever returns for a topic: its articles, sometimes a planted bad one ranked high,
 * and a loosely related one to fill three slots. Scores fall with rank.
 */
export function retrieve(random: DemoRandom, topic: HelpTopic): ContextDocument[] {
  const ids = [...topic.articles];
  if (topic.bad && random.chance(topic.bad.rate)) ids.splice(random.int(0, 1), 0, topic.bad.id);
  while (ids.length < 3) {
    const filler = random.pick(ARTICLES).id;
    if (!ids.includes(filler) && !(BAD_ARTICLES as readonly string[]).includes(filler)) ids.push(filler);
  }
  let score = random.between(0.86, 0.96);
  return ids.slice(0, 3).map((id) => {
    const a = article(id);
    score -= random.between(0.04, 0.16);
    return { id: a.id, text: `${a.title}. ${a.text}`, source: a.source, score: Math.round(score * 1000) / 1000 };
  });
}
