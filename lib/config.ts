import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from '../lambdas/runtime/config.js';
import { parseBusinessHours } from '../lambdas/core/time/business-hours.js';

/**
 * Deployment settings of one Switchboard environment, validated once at synth so a
 * missing or malformed value stops `cdk synth` with the setting's name instead of
 * surfacing as a broken webhook after deploy.
 *
 * Stateful data (tables, key) is always retained: there is deliberately no setting for it.
 */
const typeError = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'is required' : `must be ${what}`),
});

const secretName = z
  .string(typeError('a string'))
  .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be a Secrets Manager secret name (letters, digits, /_+=.@-)');

const wholeNumber = (min: number, max: number) =>
  z.number(typeError('a number')).int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

/** The runtime's own parser: a typo in `businessHours` fails synth, not the first text after hours. */
function isBusinessHours(text: string): boolean {
  try {
    return parseBusinessHours(text).rules.length > 0;
  } catch {
    return false;
  }
}

export const switchboardConfigSchema = z
  .strictObject({
    /** Names the stacks and the default secret, e.g. `dev`, `prod`. */
    environmentName: z
      .string(typeError('a string'))
      .regex(/^[a-z][a-z0-9-]{0,19}$/, 'must be 1–20 lower-case letters, digits or dashes, starting with a letter'),
    /** Pin the stacks to an account/region; omitted means environment-agnostic (the CLI's credentials decide). */
    account: z.string(typeError('a string')).regex(/^\d{12}$/, 'must be a 12-digit AWS account id').optional(),
    region: z
      .string(typeError('a string'))
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')
      .optional(),
    businessTimezone: z
      .string(typeError('a string'))
      .refine(isTimeZone, 'must be an IANA time zone such as America/Chicago')
      .default('America/Chicago'),
    companyName: z.string(typeError('a string')).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').default('Switchboard Home Services'),
    /** The Twilio account that sends replies (`TWILIO_ACCOUNT_SID`): not a secret, the auth token is. */
    twilioAccountSid: z.string(typeError('a string')).regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID: AC followed by 32 hex digits'),
    /** The number customers text and replies come from (`TWILIO_PHONE_NUMBER`). */
    twilioPhoneNumber: z.string(typeError('a string')).regex(/^\+[1-9]\d{7,14}$/, 'must be an E.164 phone number such as +15125550100'),
    /** Secrets Manager secret holding the Twilio auth token; created by ops before deploy (docs/deploy.md). */
    twilioAuthTokenSecretName: secretName.optional(),
    /** Secrets Manager secret holding `{ "T-7": "token", … }`: one bearer token per technician app; created by ops. */
    technicianTokensSecretName: secretName.optional(),
    /** When agents answer, in the business timezone (`BUSINESS_HOURS`); outside them the queue is kept and customers are told when. */
    businessHours: z
      .string(typeError('a string'))
      .refine(isBusinessHours, 'must be like "Mon-Fri 08:00-18:00; Sat 09:00-13:00" (English day names, 24-hour times, opening before closing)')
      .default('Mon-Fri 08:00-18:00'),
    /** How many chats one agent may hold at once (`AGENT_MAX_CHATS`); SMS is asynchronous, so more than one. */
    agentMaxChats: wholeNumber(1, 50).default(5),
    /** A waiting or idle assigned chat is flagged after this many minutes (`QUEUE_IDLE_MINUTES`). */
    queueIdleMinutes: wholeNumber(1, 1440).default(10),
    /** Subscribed to the alarms topic; the address must confirm the subscription from the mail AWS sends. */
    alarmEmail: z.email({ error: 'must be an e-mail address' }).optional(),
    /**
     * A regional AWS WAF web ACL (AWS managed common rules and a per-IP rate limit) in front of the
     * agents' sign-in (the Cognito user pool). API Gateway HTTP APIs cannot be associated with WAF.
     */
    enableWaf: z.boolean(typeError('true or false')).default(false),
    /** An Amazon Location route calculator in the stack's region for road ETAs; without it ETAs use distance. */
    amazonLocationRouteCalculator: z
      .string(typeError('a string'))
      .regex(/^[-._\w]{1,100}$/, 'must be an Amazon Location route calculator name (letters, digits, -._)')
      .optional(),
    /** The URL Twilio calls when something other than this stack fronts the API (e.g. a CDN). */
    publicBaseUrl: z
      .url({ protocol: /^https$/, error: 'must be an https:// URL' })
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** A custom domain served by API Gateway, with an ACM certificate in the stack's region. */
    customDomain: z
      .strictObject({
        domainName: z
          .string(typeError('a string'))
          .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, 'must be a lower-case host name'),
        certificateArn: z.string(typeError('a string')).regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, 'must be an ACM certificate ARN'),
      })
      .optional(),
  })
  .refine((config) => !(config.publicBaseUrl && config.customDomain), {
    message: 'cannot be combined with customDomain: set one of them',
    path: ['publicBaseUrl'],
  })
  .transform((config) => ({
    ...config,
    twilioAuthTokenSecretName: config.twilioAuthTokenSecretName ?? `switchboard/${config.environmentName}/twilio-auth-token`,
    technicianTokensSecretName: config.technicianTokensSecretName ?? `switchboard/${config.environmentName}/technician-tokens`,
  }));

export type SwitchboardConfig = z.output<typeof switchboardConfigSchema>;

export class InvalidConfigError extends Error {
  override readonly name = 'InvalidConfigError';
}

/** Validates raw settings; the error names every bad setting and where it came from. */
export function parseConfig(raw: unknown, source: string): SwitchboardConfig {
  const parsed = switchboardConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')} ${issue.message}` : issue.message,
    );
    throw new InvalidConfigError(`Invalid Switchboard configuration (${source}): ${problems.join('; ')}`);
  }
  return parsed.data;
}

/** Reads a context value or a config file's JSON as an object; anything else is a named error. */
function asSettingsObject(value: unknown, source: string): Record<string, unknown> {
  const candidate = typeof value === 'string' ? parseJson(value, source) : value;
  if (candidate === undefined) return {};
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    throw new InvalidConfigError(`Invalid Switchboard configuration (${source}): must be a JSON object of settings`);
  }
  return candidate as Record<string, unknown>;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`Invalid Switchboard configuration (${source}): not valid JSON (${(error as Error).message})`);
  }
}

export const CONFIG_CONTEXT_KEY = 'switchboard';
export const CONFIG_FILE_CONTEXT_KEY = 'configFile';

/**
 * Settings come from the `switchboard` context object (cdk.json, or `-c switchboard='{…}'`),
 * overridden key by key by the JSON file named in `-c configFile=deploy/prod.json`.
 */
export function loadConfig(tryGetContext: (key: string) => unknown, cwd = process.cwd()): SwitchboardConfig {
  const sources = [`context "${CONFIG_CONTEXT_KEY}"`];
  const settings = asSettingsObject(tryGetContext(CONFIG_CONTEXT_KEY), sources[0]!);

  const configFile = tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  if (configFile !== undefined) {
    if (typeof configFile !== 'string' || configFile.length === 0) {
      throw new InvalidConfigError(`Invalid Switchboard configuration (context "${CONFIG_FILE_CONTEXT_KEY}"): must be a file path`);
    }
    const path = resolve(cwd, configFile);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new InvalidConfigError(`Invalid Switchboard configuration (configFile ${configFile}): cannot read it (${(error as Error).message})`);
    }
    sources.push(`configFile ${configFile}`);
    Object.assign(settings, asSettingsObject(parseJson(text, `configFile ${configFile}`), `configFile ${configFile}`));
  }

  return parseConfig(settings, sources.join(' + '));
}
