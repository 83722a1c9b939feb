const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** A TwiML answer: one <Message> with the reply, or an empty <Response/> to say nothing. */
export function messagingTwiml(reply: string | null): string {
  const head = '<?xml version="1.0" encoding="UTF-8"?>';
  if (reply === null || reply === '') return `${head}<Response/>`;
  return `${head}<Response><Message>${reply.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)}</Message></Response>`;
}
