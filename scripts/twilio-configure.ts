import { parseArgs } from 'node:util';
import twilio from 'twilio';

/**
 * `npm run twilio:configure -- --phone-number +15125550100 --webhook-url https://…/webhooks/twilio/messages [--dry-run]`
 *
 * Points a Twilio number's "A message comes in" webhook (SmsUrl, HTTP POST) at the deployed
 * stack, through the Twilio REST API. Credentials come from the environment, never from
 * arguments (shell history): TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.
 *
 * Delivery status callbacks are not a number setting for SMS: the outbound sender asks for
 * them on each message it sends (PUBLIC_BASE_URL + /webhooks/twilio/status). The number's
 * StatusCallback field is for voice calls and is left as it is.
 *
 * With --dry-run it looks the number up (read-only) and prints what it would change.
 */
const { values } = parseArgs({
  options: {
    'phone-number': { type: 'string' },
    'webhook-url': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const phoneNumber = values['phone-number'];
const webhookUrl = values['webhook-url'];
if (!phoneNumber || !/^\+[1-9]\d{7,14}$/.test(phoneNumber)) fail('--phone-number must be the E.164 number to configure, e.g. +15125550100');
if (!webhookUrl || !/^https:\/\/.+\/webhooks\/twilio\/messages$/.test(webhookUrl)) {
  fail('--webhook-url must be the stack\'s WebhookUrl output (https://…/webhooks/twilio/messages)');
}
const { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken } = process.env;
if (!accountSid || !authToken) fail('Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the environment (read -rs TWILIO_AUTH_TOKEN; export TWILIO_AUTH_TOKEN)');

const client = twilio(accountSid, authToken);
const [number] = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
if (!number) fail(`${phoneNumber} is not a number of account ${accountSid}`);

const wanted = { smsUrl: webhookUrl, smsMethod: 'POST' };
const changes = (Object.keys(wanted) as (keyof typeof wanted)[]).filter((field) => number[field] !== wanted[field]);
if (changes.length === 0) {
  console.log(`${phoneNumber} already sends messages to ${webhookUrl}`);
  process.exit(0);
}
for (const field of changes) console.log(`${phoneNumber} ${field}: ${number[field] || '(none)'} → ${wanted[field]}`);
if (values['dry-run']) {
  console.log('Dry run: nothing changed.');
} else {
  await client.incomingPhoneNumbers(number.sid).update(wanted);
  console.log(`Updated ${phoneNumber} (${number.sid}).`);
}
