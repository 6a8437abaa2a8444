/** `document.addEventListener`, short: autocapture listens at the document, so later elements need nothing. */
export const on = (type: string, listener: (event: Event) => void, capture?: boolean): void =>
  document.addEventListener(type, listener, capture);
