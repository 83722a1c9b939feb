import type { DeliveryStatus } from '../../core/domain/conversation.js';

/** Twilio's message statuses mapped to Switchboard's (accepted/scheduled/… are still queued). */
export function toDeliveryStatus(status: string): DeliveryStatus {
  switch (status) {
    case 'sent':
    case 'delivered':
    case 'undelivered':
    case 'failed':
      return status;
    case 'sending':
      return 'sending';
    default:
      return 'queued';
  }
}
