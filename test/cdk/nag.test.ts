import { App, Stack, Stage } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { addSwitchboard } from '../../lib/switchboard-app.js';
import { cdkJsonContext } from './synth-switchboard.js';

/** Every optional resource switched on, so its findings are checked too. */
const everyOption = {
  enableWaf: true,
  alarmEmail: 'ops@example.com',
  amazonLocationRouteCalculator: 'switchboard-routes',
  customDomain: { domainName: 'sms.example.com', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123' },
};

/**
 * Synthesizes the app as `cdk synth` does (cross-stack references resolved), then runs the
 * AWS Solutions pack over the final tree: the findings a deployer would see.
 */
const synthesized = new Map<string, ReturnType<typeof synthAndCheck>>();
function nagFindings(settings: Record<string, unknown>) {
  const key = JSON.stringify(settings);
  if (!synthesized.has(key)) synthesized.set(key, synthAndCheck(settings));
  return synthesized.get(key)!;
}

function synthAndCheck(settings: Record<string, unknown>) {
  const context = cdkJsonContext();
  const app = new App({ context: { ...context, switchboard: { ...(context.switchboard as object), ...settings } } });
  addSwitchboard(app);
  app.synth();
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return {
    app,
    findings: report.violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`),
    ),
  };
}

function acknowledgements(app: App): { id: string; reason: string; at: string; wholeStack: boolean }[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === 'aws:cdk:acknowledged-rules')
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          id,
          reason,
          at: construct.node.path,
          wholeStack: Stack.isStack(construct) || Stage.isStage(construct),
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions over the synthesized app', () => {
  it.each([
    ['as cdk.json configures it', {}],
    ['with every option on (WAF, alarm e-mail, route calculator, custom domain)', everyOption],
  ])('finds no unacknowledged error or warning %s', (_case, settings) => {
    const { findings } = nagFindings(settings);

    expect(findings).toEqual([]);
  }, 60_000);

  it('acknowledges each finding on the resource it concerns, with its reason', () => {
    const { app } = nagFindings({});
    const acknowledged = acknowledgements(app);

    expect(acknowledged.length).toBeGreaterThan(0);
    for (const { id, reason, at, wholeStack } of acknowledged) {
      expect(wholeStack, `${id} at ${at} is scoped to a resource, not a stack`).toBe(false);
      expect(reason.length, `${id} at ${at} gives a reason`).toBeGreaterThan(40);
    }
    const ids = new Set(acknowledged.map(({ id }) => id.replace(/^Annotation::/i, '')));
    expect([...ids].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        'AwsSolutions-COG2',
        'AwsSolutions-COG3',
        'AwsSolutions-COG8',
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-L1',
      ].sort(),
    );
  }, 60_000);

  it('leaves the agent API behind its authorizer: APIG4 is acknowledged only on the routes that authenticate in the handler', () => {
    const { app } = nagFindings({});

    const routes = acknowledgements(app)
      .filter(({ id }) => id.endsWith('AwsSolutions-APIG4'))
      .map(({ at }) => at.split('/').slice(-1)[0]);

    expect(routes.sort()).toEqual(
      [
        'POST--webhooks--twilio--messages',
        'POST--webhooks--twilio--status',
        'GET--console',
        'POST--api--technicians--{id}--location',
        'POST--api--jobs--{appointmentId}--status',
      ].sort(),
    );
  }, 60_000);
});
