import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { FeedbackBar } from './feedback-bar.js';
import { FeedloopProvider, useFeedloop } from './provider.js';

function Orphan() {
  useFeedloop();
  return null;
}

describe('useFeedloop', () => {
  it('throws an actionable message outside <FeedloopProvider>', () => {
    expect(() => renderToString(createElement(Orphan))).toThrow(
      /useFeedloop must be used inside <FeedloopProvider>.*options=\{\{ endpoint, publicKey \}\}/,
    );
  });

  it('renders the bar on the server with no feedback yet and no browser globals touched', () => {
    const html = renderToString(
      createElement(
        FeedloopProvider,
        { options: { endpoint: 'http://127.0.0.1:1', publicKey: 'fl_pk_x' } },
        createElement(FeedbackBar, { interactionId: 'int_1' }),
      ),
    );
    expect(html).toContain('aria-label="Helpful" aria-pressed="false"');
    expect(html).not.toContain('of 5');
  });
});
