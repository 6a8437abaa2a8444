import type { Bootstrap } from '../bootstrap.js';

/** What a newcomer sees on first start: where the server is, its keys, and a first signal to send. */
export function startBanner(url: string, backend: string, boot: Bootstrap | undefined): string {
  const lines = [
    `Feedloop is listening on ${url} (${backend})`,
    `Dashboard: ${url}/ (sign in with a secret key)`,
    `API reference: ${url}/openapi.json`,
  ];
  if (boot?.secretKey) {
    const body = JSON.stringify({
      interactions: [{ id: 'hello-1', input: 'How do I reset my password?', output: 'Go to Settings → Security.' }],
      signals: [{ id: 'hello-1-thumbs', interactionId: 'hello-1', type: 'thumbs', value: 1 }],
    });
    lines.push(
      '',
      `Created project "${boot.projectName}" (${boot.projectId}). These keys are shown once; store them now:`,
      `  secret key (server side, reads):   ${boot.secretKey}`,
      ...(boot.publicKey ? [`  public key (browser, signals only): ${boot.publicKey}`] : []),
      '',
      'Send a first interaction and a thumbs-up:',
      `  curl -s ${url}/v1/batch -H 'Authorization: Bearer ${boot.secretKey}' -H 'Content-Type: application/json' -d '${body}'`,
      'Then read it back with its signal:',
      `  curl -s ${url}/v1/interactions/hello-1 -H 'Authorization: Bearer ${boot.secretKey}'`,
    );
  } else {
    lines.push('Keys: npx feedloop keys list   (create one: npx feedloop keys create --secret)');
  }
  return lines.join('\n');
}
