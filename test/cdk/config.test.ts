import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { App } from 'aws-cdk-lib';
import { describe, expect, it, onTestFinished } from 'vitest';
import { InvalidConfigError, loadConfig, parseConfig } from '../../lib/config.js';
import { projectRoot } from '../../lib/project-paths.js';
import { addSwitchboard } from '../../lib/switchboard-app.js';
import { cdkJsonContext } from './synth-switchboard.js';

const twilio = { twilioAccountSid: `AC${'0123456789abcdef'.repeat(2)}`, twilioPhoneNumber: '+15125550100' };
const dev = (settings: Record<string, unknown>) => ({ environmentName: 'dev', ...twilio, ...settings });
const validCustomDomain = { domainName: 'sms.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' };

describe('Switchboard deployment settings', () => {
  it('accepts cdk.json as shipped, so a plain `cdk synth` works', () => {
    const config = loadConfig((key) => cdkJsonContext()[key]);

    expect(config).toEqual({
      environmentName: 'dev',
      businessTimezone: 'America/Chicago',
      companyName: 'Switchboard Home Services',
      twilioAccountSid: 'AC00000000000000000000000000000000',
      twilioPhoneNumber: '+15005550006',
      twilioAuthTokenSecretName: 'switchboard/dev/twilio-auth-token',
      technicianTokensSecretName: 'switchboard/dev/technician-tokens',
      businessHours: 'Mon-Fri 08:00-18:00; Sat 09:00-13:00',
      agentMaxChats: 5,
      queueIdleMinutes: 10,
      enableWaf: false,
    });
  });

  it('derives nothing it was told: an explicit secret name and public URL are kept', () => {
    const config = parseConfig(
      dev({
        environmentName: 'prod',
        twilioAuthTokenSecretName: 'ops/twilio',
        technicianTokensSecretName: 'ops/technicians',
        publicBaseUrl: 'https://sms.example.com/',
      }),
      'test',
    );

    expect(config.twilioAuthTokenSecretName).toBe('ops/twilio');
    expect(config.technicianTokensSecretName).toBe('ops/technicians');
    expect(config.publicBaseUrl).toBe('https://sms.example.com');
  });

  it.each([
    ['a missing environment name', {}, 'environmentName is required'],
    ['an environment name that cannot name a stack', dev({ environmentName: 'Prod EU' }), 'environmentName must be 1–20 lower-case'],
    ['an unknown time zone', dev({ businessTimezone: 'Mars/Olympus' }), 'businessTimezone must be an IANA time zone'],
    ['a time zone that is not text', dev({ businessTimezone: 5 }), 'businessTimezone must be a string'],
    ['an empty company name', dev({ companyName: '  ' }), 'companyName must not be empty'],
    ['a secret name Secrets Manager would refuse', dev({ twilioAuthTokenSecretName: 'twilio token!' }), 'twilioAuthTokenSecretName must be a Secrets Manager secret name'],
    ['a plain-http public URL', dev({ publicBaseUrl: 'http://sms.example.com' }), 'publicBaseUrl must be an https:// URL'],
    ['a public URL that is not a URL', dev({ publicBaseUrl: 'sms.example.com' }), 'publicBaseUrl must be an https:// URL'],
    ['a certificate that is not an ACM ARN', dev({ customDomain: { ...validCustomDomain, certificateArn: 'cert-1' } }), 'customDomain.certificateArn must be an ACM certificate ARN'],
    ['a custom domain without its certificate', dev({ customDomain: { domainName: 'sms.example.com' } }), 'customDomain.certificateArn is required'],
    ['both a public URL and a custom domain', dev({ publicBaseUrl: 'https://a.example.com', customDomain: validCustomDomain }), 'publicBaseUrl cannot be combined with customDomain'],
    ['an account id that is not one', dev({ account: '1234' }), 'account must be a 12-digit AWS account id'],
    ['a misspelt setting', dev({ compnyName: 'Acme' }), 'compnyName'],
    ['a missing Twilio account SID', { environmentName: 'dev', twilioPhoneNumber: '+15125550100' }, 'twilioAccountSid is required'],
    ['an account SID that is an auth token', dev({ twilioAccountSid: '0123456789abcdef0123456789abcdef' }), 'twilioAccountSid must be a Twilio account SID'],
    ['a phone number without its country code', dev({ twilioPhoneNumber: '(512) 555-0100' }), 'twilioPhoneNumber must be an E.164 phone number'],
    ['a technician tokens secret name Secrets Manager would refuse', dev({ technicianTokensSecretName: 'tech tokens' }), 'technicianTokensSecretName must be a Secrets Manager secret name'],
    ['business hours in 12-hour time', dev({ businessHours: 'Mon-Fri 8am-6pm' }), 'businessHours must be like "Mon-Fri 08:00-18:00'],
    ['business hours that close before they open', dev({ businessHours: 'Sat 13:00-09:00' }), 'businessHours must be like'],
    ['business hours on an unknown day', dev({ businessHours: 'Mon-Fry 08:00-18:00' }), 'businessHours must be like'],
    ['a chat limit of zero', dev({ agentMaxChats: 0 }), 'agentMaxChats must be at least 1'],
    ['a fractional chat limit', dev({ agentMaxChats: 2.5 }), 'agentMaxChats must be a whole number'],
    ['an idle time given as text', dev({ queueIdleMinutes: '10' }), 'queueIdleMinutes must be a number'],
    ['an alarm address that is not one', dev({ alarmEmail: 'ops-at-example.com' }), 'alarmEmail must be an e-mail address'],
    ['WAF switched on with a string', dev({ enableWaf: 'yes' }), 'enableWaf must be true or false'],
    ['a route calculator name with spaces', dev({ amazonLocationRouteCalculator: 'my routes' }), 'amazonLocationRouteCalculator must be an Amazon Location route calculator name'],
  ])('refuses %s, naming the setting', (_case, settings, expected) => {
    expect(() => parseConfig(settings, 'test')).toThrow(expected);
  });

  it('lets a config file override cdk.json setting by setting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-config-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, 'prod.json'), JSON.stringify({ environmentName: 'prod', companyName: 'Acme Cable' }));
    const context: Record<string, unknown> = { switchboard: dev({ businessTimezone: 'America/Denver' }), configFile: 'prod.json' };

    const config = loadConfig((key) => context[key], dir);

    expect(config).toMatchObject({ environmentName: 'prod', companyName: 'Acme Cable', businessTimezone: 'America/Denver' });
  });

  it('names the config file it cannot read', () => {
    const context: Record<string, unknown> = { switchboard: { environmentName: 'dev' }, configFile: 'missing/prod.json' };

    expect(() => loadConfig((key) => context[key], tmpdir())).toThrow(/configFile missing\/prod\.json\): cannot read it/);
  });

  it('fails synth before creating any stack when a setting is malformed', () => {
    const app = new App({ context: { switchboard: dev({ businessTimezone: 'Central Time' }) } });

    expect(() => addSwitchboard(app)).toThrow(InvalidConfigError);
    expect(() => addSwitchboard(app)).toThrow('businessTimezone must be an IANA time zone');
    expect(app.node.children).toHaveLength(0);
  });

  it('stops the real `cdk synth` with the setting named', async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'switchboard-cdk-out-'));
    onTestFinished(() => rmSync(outdir, { recursive: true, force: true }));

    const synth = promisify(execFile)(
      'npx',
      ['cdk', 'synth', '--quiet', '--output', outdir, '--context', 'switchboard={"environmentName":"dev","companyName":""}'],
      { cwd: projectRoot, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } },
    );

    await expect(synth).rejects.toMatchObject({ stderr: expect.stringContaining('companyName must not be empty') });
  }, 60_000);
});
