import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_METRICS } from '../../lib/constructs/switchboard-observability.js';
import { describeValue, logicalIdOf, synthSwitchboard } from './synth-switchboard.js';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
type Resources = Record<string, { Type: string; Properties: Record<string, any>; Metadata?: Record<string, unknown> }>;
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

const FUNCTIONS = ['TwilioMessages', 'TwilioStatus', 'AgentApi', 'Console', 'TechnicianApi', 'OutboundSender'] as const;
type FunctionId = (typeof FUNCTIONS)[number];

/** Every function gets these from its construct. */
const POWERTOOLS = ['POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE', 'POWERTOOLS_LOGGER_LOG_EVENT', 'NODE_OPTIONS'];
const BUSINESS = ['BUSINESS_TIMEZONE', 'COMPANY_NAME', 'DIRECTORY_TABLE', 'CONVERSATIONS_TABLE'];

/** The environment contract of each handler (docs/deploy.md §8). */
const ENVIRONMENT: Record<FunctionId, string[]> = {
  TwilioMessages: [...BUSINESS, 'PUBLIC_BASE_URL', 'BUSINESS_HOURS', 'TWILIO_AUTH_TOKEN_SECRET_ID', 'EVENTS_TOPIC_ARN', 'OUTBOUND_QUEUE_URL'],
  TwilioStatus: [...BUSINESS, 'PUBLIC_BASE_URL', 'TWILIO_AUTH_TOKEN_SECRET_ID', 'OUTBOUND_QUEUE_URL'],
  AgentApi: [...BUSINESS, 'AGENT_AUTH', 'AGENT_MAX_CHATS', 'QUEUE_IDLE_MINUTES', 'TWILIO_PHONE_NUMBER', 'EVENTS_TOPIC_ARN', 'OUTBOUND_QUEUE_URL'],
  Console: [],
  TechnicianApi: [...BUSINESS, 'TECHNICIAN_TOKENS_SECRET_ID', 'OUTBOUND_QUEUE_URL'],
  OutboundSender: [...BUSINESS, 'TWILIO_ACCOUNT_SID', 'TWILIO_PHONE_NUMBER', 'PUBLIC_BASE_URL', 'TWILIO_AUTH_TOKEN_SECRET_ID'],
};

describe('functions, messaging and operations, as cdk.json configures them', () => {
  let app: ReturnType<typeof synthSwitchboard>;
  let stateless: Resources;
  let ids: Record<'key' | 'alarmsKey' | 'eventsTopic' | 'alarmsTopic' | 'queue' | 'dlq' | 'userPool' | 'client' | 'directory' | 'conversations', string>;
  let describeInStateless: (value: unknown) => string;

  const functionId = (id: FunctionId) => logicalIdOf(app.stateless, 'AWS::Lambda::Function', `/${id}/Function/Resource`);
  const environmentOf = (id: FunctionId) => (stateless[functionId(id)]!.Properties.Environment?.Variables ?? {}) as Record<string, unknown>;
  const statementsOf = (id: FunctionId): Statement[] => {
    const roleId = stateless[functionId(id)]!.Properties.Role['Fn::GetAtt'][0] as string;
    return Object.values(app.stateless.findResources('AWS::IAM::Policy'))
      .filter((policy) => (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  };
  /** `action → resources` of one function, resources described as `${LogicalId.Attr}`. */
  const grantsOf = (id: FunctionId, service: string) => {
    const grants: Record<string, string[]> = {};
    for (const statement of statementsOf(id)) {
      for (const action of asList(statement.Action).filter((a) => a.startsWith(`${service}:`))) {
        grants[action] = [...(grants[action] ?? []), ...asList(statement.Resource).map(describeInStateless)].sort();
      }
    }
    return grants;
  };

  beforeAll(() => {
    app = synthSwitchboard();
    stateless = app.stateless.toJSON().Resources as Resources;
    const producerOutputs = app.stateful.toJSON().Outputs;
    describeInStateless = (value) => describeValue(value, producerOutputs);
    ids = {
      key: logicalIdOf(app.stateful, 'AWS::KMS::Key', '/DataKey/Resource'),
      alarmsKey: logicalIdOf(app.stateful, 'AWS::KMS::Key', '/AlarmsKey/Resource'),
      eventsTopic: logicalIdOf(app.stateful, 'AWS::SNS::Topic', '/EventsTopic/Resource'),
      alarmsTopic: logicalIdOf(app.stateful, 'AWS::SNS::Topic', '/AlarmsTopic/Resource'),
      queue: logicalIdOf(app.stateful, 'AWS::SQS::Queue', '/OutboundQueue/Resource'),
      dlq: logicalIdOf(app.stateful, 'AWS::SQS::Queue', '/OutboundDeadLetterQueue/Resource'),
      userPool: logicalIdOf(app.stateful, 'AWS::Cognito::UserPool', '/AgentUserPool/Resource'),
      client: logicalIdOf(app.stateful, 'AWS::Cognito::UserPoolClient', '/ConsoleClient/Resource'),
      directory: logicalIdOf(app.stateful, 'AWS::DynamoDB::Table', '/DirectoryTable/Resource'),
      conversations: logicalIdOf(app.stateful, 'AWS::DynamoDB::Table', '/ConversationsTable/Resource'),
    };
  });

  describe('escalation events topic', () => {
    it('is encrypted with the data key, retained, and refuses anything but TLS', () => {
      app.stateful.hasResource('AWS::SNS::Topic', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({ KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } }),
      });
      expect(app.stateful.toJSON().Resources[ids.eventsTopic].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [ids.key, 'Arn'] });
      app.stateful.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: ids.eventsTopic }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('is published to by the webhook and the agent API only, on that topic only', () => {
      for (const id of FUNCTIONS) {
        const expected = id === 'TwilioMessages' || id === 'AgentApi' ? { 'sns:Publish': [`\${${ids.eventsTopic}}`] } : {};
        expect(grantsOf(id, 'sns'), id).toEqual(expected);
      }
    });
  });

  describe('outbound queue', () => {
    it('keys both queues with the data key, refuses plain HTTP, and dead-letters after 5 receives kept 14 days', () => {
      const resources = app.stateful.toJSON().Resources;
      expect(resources[ids.queue].Properties).toMatchObject({
        KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] },
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: 5 },
        VisibilityTimeout: 180,
      });
      expect(resources[ids.dlq].Properties).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] }, MessageRetentionPeriod: 14 * 24 * 3600 });
      for (const queue of [ids.queue, ids.dlq]) {
        expect(resources[queue].DeletionPolicy).toBe('Retain');
        app.stateful.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: queue }],
          PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
        });
      }
    });

    it('feeds the sender in batches of 10 with partial batch failures, concurrency capped', () => {
      const mappings = Object.values(app.stateless.findResources('AWS::Lambda::EventSourceMapping'));
      expect(mappings).toHaveLength(1);
      expect(mappings[0]!.Properties).toMatchObject({
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        FunctionName: { Ref: functionId('OutboundSender') },
        ScalingConfig: { MaximumConcurrency: 5 },
      });
      expect(describeInStateless(mappings[0]!.Properties.EventSourceArn)).toBe(`\${${ids.queue}.Arn}`);
      expect(stateless[functionId('OutboundSender')]!.Properties.Timeout).toBe(30);
    });

    it('lets the four producers send and only the sender consume', () => {
      for (const id of FUNCTIONS) {
        const grants = grantsOf(id, 'sqs');
        if (id === 'OutboundSender') {
          expect(Object.keys(grants).sort(), id).toEqual(['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage']);
        } else if (id === 'Console') {
          expect(grants, id).toEqual({});
        } else {
          expect(grants, id).toMatchObject({ 'sqs:SendMessage': [`\${${ids.queue}.Arn}`] });
          expect(Object.keys(grants).filter((action) => /Receive|Delete|Purge/.test(action)), id).toEqual([]);
        }
        for (const resources of Object.values(grants)) expect(resources, id).toEqual([`\${${ids.queue}.Arn}`]);
      }
    });
  });

  describe('agent sign-in', () => {
    it('keeps a retained user pool with no self sign-up and a strong password policy', () => {
      app.stateful.hasResource('AWS::Cognito::UserPool', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
          DeletionProtection: 'ACTIVE',
          MfaConfiguration: 'OPTIONAL',
          Policies: {
            PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }),
          },
        }),
      });
    });

    it('gives the console a public client that signs in with a password or SRP', () => {
      app.stateful.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: Match.arrayEquals(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
        PreventUserExistenceErrors: 'ENABLED',
      });
    });

    it('puts the JWT authorizer of that pool and client on /api/agent/* and on no other route', () => {
      const authorizers = app.stateless.findResources('AWS::ApiGatewayV2::Authorizer');
      expect(Object.keys(authorizers)).toHaveLength(1);
      const [authorizerId, authorizer] = Object.entries(authorizers)[0]!;
      expect(authorizer.Properties.AuthorizerType).toBe('JWT');
      expect(asList(authorizer.Properties.JwtConfiguration.Audience).map(describeInStateless)).toEqual([`\${${ids.client}}`]);
      expect(describeInStateless(authorizer.Properties.JwtConfiguration.Issuer)).toContain(`/\${${ids.userPool}}`);

      const routes = Object.values(app.stateless.findResources('AWS::ApiGatewayV2::Route')).map((route) => ({
        key: route.Properties.RouteKey as string,
        type: route.Properties.AuthorizationType as string,
        authorizer: route.Properties.AuthorizerId,
      }));
      expect(routes.map((route) => `${route.key} ${route.type}`).sort()).toEqual(
        [
          'ANY /api/agent/{proxy+} JWT',
          'GET /console NONE',
          'POST /api/jobs/{appointmentId}/status NONE',
          'POST /api/technicians/{id}/location NONE',
          'POST /webhooks/twilio/messages NONE',
          'POST /webhooks/twilio/status NONE',
        ].sort(),
      );
      expect(routes.find((route) => route.type === 'JWT')!.authorizer).toEqual({ Ref: authorizerId });
    });
  });

  describe('functions', () => {
    it.each(FUNCTIONS)('%s gets exactly its environment contract', (id) => {
      expect(Object.keys(environmentOf(id)).sort()).toEqual([...ENVIRONMENT[id], ...POWERTOOLS].sort());
      expect(environmentOf(id)).toMatchObject({
        POWERTOOLS_SERVICE_NAME: 'switchboard-dev',
        POWERTOOLS_METRICS_NAMESPACE: 'Switchboard',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
      });
    });

    it('wires the settings into the environments', () => {
      expect(environmentOf('AgentApi')).toMatchObject({ AGENT_AUTH: 'cognito', AGENT_MAX_CHATS: '5', QUEUE_IDLE_MINUTES: '10', TWILIO_PHONE_NUMBER: '+15005550006' });
      expect(environmentOf('OutboundSender')).toMatchObject({ TWILIO_ACCOUNT_SID: app.config.twilioAccountSid, TWILIO_PHONE_NUMBER: '+15005550006' });
      expect(environmentOf('TechnicianApi')).toMatchObject({ TECHNICIAN_TOKENS_SECRET_ID: 'switchboard/dev/technician-tokens' });
    });

    it('holds no secret and no personal data in any environment', () => {
      const allowedPhones = new Set([app.config.twilioPhoneNumber]);
      for (const id of FUNCTIONS) {
        for (const [name, raw] of Object.entries(environmentOf(id))) {
          const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
          if (name.endsWith('_SECRET_ID')) {
            expect([app.config.twilioAuthTokenSecretName, app.config.technicianTokensSecretName], `${id} ${name}`).toContain(value);
            continue;
          }
          expect(name, `${id}: a variable named like a credential`).not.toMatch(/TOKEN|SECRET|PASSWORD|API_?KEY|CREDENTIAL/i);
          expect(value, `${id} ${name} looks like a Twilio auth token`).not.toMatch(/\b[0-9a-f]{32}\b/i);
          expect(value, `${id} ${name} holds an e-mail address`).not.toMatch(/@[a-z0-9-]+\./i);
          for (const phone of value.match(/\+\d{8,15}/g) ?? []) expect(allowedPhones, `${id} ${name} holds a phone number`).toContain(phone);
        }
      }
    });

    it('lets each function read and write only the tables it needs, by table and named index', () => {
      const tables = (id: FunctionId) => {
        const grants = grantsOf(id, 'dynamodb');
        const writes = new Set((grants['dynamodb:PutItem'] ?? []).filter((r) => !r.includes('/index/')));
        const reads = new Set((grants['dynamodb:GetItem'] ?? []).filter((r) => !r.includes('/index/')));
        return [...reads].map((table) => `${table}${writes.has(table) ? ' rw' : ' r'}`).sort();
      };
      const directory = `\${${ids.directory}.Arn}`;
      const conversations = `\${${ids.conversations}.Arn}`;

      expect(tables('TwilioMessages')).toEqual([`${conversations} rw`, `${directory} rw`].sort());
      expect(tables('TwilioStatus')).toEqual([`${conversations} rw`, `${directory} r`].sort());
      expect(tables('AgentApi')).toEqual([`${conversations} rw`, `${directory} rw`].sort());
      expect(tables('TechnicianApi')).toEqual([`${conversations} rw`, `${directory} rw`].sort());
      expect(tables('OutboundSender')).toEqual([`${conversations} rw`, `${directory} r`].sort());
      expect(tables('Console')).toEqual([]);
      expect(grantsOf('OutboundSender', 'dynamodb')['dynamodb:PutItem']).not.toContain(directory);
    });

    it('lets each function read its own secret and no other', () => {
      const secretOf = (id: FunctionId) => (grantsOf(id, 'secretsmanager')['secretsmanager:GetSecretValue'] ?? []).map((arn) => arn.replace(/.*:secret:/, ''));
      const twilio = ['switchboard/dev/twilio-auth-token-??????'];
      expect(secretOf('TwilioMessages')).toEqual(twilio);
      expect(secretOf('TwilioStatus')).toEqual(twilio);
      expect(secretOf('OutboundSender')).toEqual(twilio);
      expect(secretOf('TechnicianApi')).toEqual(['switchboard/dev/technician-tokens-??????']);
      expect(secretOf('AgentApi')).toEqual([]);
      expect(secretOf('Console')).toEqual([]);
    });

    it('bundles the console page next to the console handler', async () => {
      const { existsSync } = await import('node:fs');
      const { join } = await import('node:path');
      const assetPath = stateless[functionId('Console')]!.Metadata!['aws:asset:path'] as string;
      expect(existsSync(join(app.assembly.directory, assetPath, 'console-page.html'))).toBe(true);
    });

    it('writes no "Resource: *" in any IAM policy except for X-Ray, and no wildcard resource in topic or queue policies', () => {
      for (const template of [app.stateful, app.stateless]) {
        for (const policy of Object.values(template.findResources('AWS::IAM::Policy'))) {
          for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) {
            if (asList(statement.Resource).includes('*')) expect(asList(statement.Action).every((action) => action.startsWith('xray:'))).toBe(true);
            expect(asList(statement.Action), 'no action wildcard on a whole service').not.toContainEqual(expect.stringMatching(/:\*$/));
          }
        }
        for (const type of ['AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy']) {
          for (const policy of Object.values(template.findResources(type))) {
            for (const statement of policy.Properties.PolicyDocument.Statement as Statement[]) expect(asList(statement.Resource)).not.toContain('*');
          }
        }
      }
    });
  });

  describe('observability', () => {
    const alarms = () => Object.values(app.stateless.findResources('AWS::CloudWatch::Alarm'));

    it('raises every alarm to the alarms topic, and again when it clears', () => {
      const names = alarms().map((alarm) => String(alarm.Properties.AlarmName).replace('switchboard-dev-', '')).sort();
      expect(names).toEqual(
        [
          'Api5xx',
          'WebhookP99Latency',
          ...FUNCTIONS.flatMap((id) => [`${id}Errors`, `${id}Throttles`]),
          'OutboundDeadLetters',
          'OutboundQueueAge',
          'DeliveryFailureRate',
          'QueueWait',
        ].sort(),
      );
      for (const alarm of alarms()) {
        expect(asList(alarm.Properties.AlarmActions).map(describeInStateless), alarm.Properties.AlarmName).toEqual([`\${${ids.alarmsTopic}}`]);
        expect(asList(alarm.Properties.OKActions).map(describeInStateless)).toEqual([`\${${ids.alarmsTopic}}`]);
        expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
      }
    });

    it('alarms on the dead-letter queue as soon as one message lands there', () => {
      const dlqAlarm = alarms().find((alarm) => String(alarm.Properties.AlarmName).endsWith('OutboundDeadLetters'))!;
      // A metric of a resource in the other stack renders as a one-metric `Metrics` list.
      const metric = dlqAlarm.Properties.MetricName ? dlqAlarm.Properties : dlqAlarm.Properties.Metrics[0].MetricStat.Metric;
      expect(metric).toMatchObject({ MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS' });
      expect(dlqAlarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(describeInStateless(metric.Dimensions[0].Value)).toBe(`\${${ids.dlq}.QueueName}`);
    });

    it('computes the delivery failure rate from the product metrics SendFailures / MessagesOut', () => {
      const rateAlarm = alarms().find((alarm) => String(alarm.Properties.AlarmName).endsWith('DeliveryFailureRate'))!;
      const metrics = rateAlarm.Properties.Metrics as { Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string; Dimensions: unknown } } }[];
      expect(metrics.find((m) => m.Expression)!.Expression).toMatch(/100 \* failed \/ sent/);
      expect(metrics.flatMap((m) => (m.MetricStat ? [`${m.MetricStat.Metric.Namespace}/${m.MetricStat.Metric.MetricName}`] : [])).sort()).toEqual([
        'Switchboard/MessagesOut',
        'Switchboard/SendFailures',
      ]);
    });

    it('draws a dashboard with the webhook, every function, the queues and the product metrics', () => {
      const dashboards = Object.values(app.stateless.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
      for (const metric of [...Object.keys(PRODUCT_METRICS), '5xx', 'Latency', 'Errors', 'Throttles', 'Duration', 'ApproximateAgeOfOldestMessage']) {
        expect(body, metric).toContain(metric);
      }
      for (const id of FUNCTIONS) expect(body, id).toContain(functionId(id));
    });

    it('keys the alarm notifications with a key CloudWatch may use, not the customer data key', () => {
      expect(app.stateful.toJSON().Resources[ids.alarmsTopic].Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [ids.alarmsKey, 'Arn'] });
      const dataKeyPolicy = JSON.stringify(app.stateful.toJSON().Resources[ids.key].Properties.KeyPolicy);
      expect(dataKeyPolicy).not.toContain('cloudwatch.amazonaws.com');
    });
  });
});

describe('optional operations settings', () => {
  it('adds the sign-in WAF, the alarm e-mail and the route calculator grant only when configured', () => {
    const plain = synthSwitchboard();
    const full = synthSwitchboard({ enableWaf: true, alarmEmail: 'ops@example.com', amazonLocationRouteCalculator: 'switchboard-routes' });

    plain.stateless.resourceCountIs('AWS::WAFv2::WebACL', 0);
    plain.stateful.resourceCountIs('AWS::SNS::Subscription', 0);
    full.stateless.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } } })]),
    });
    full.stateless.resourceCountIs('AWS::WAFv2::WebACLAssociation', 1);
    full.stateful.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    full.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ ROUTE_CALCULATOR_NAME: 'switchboard-routes' }) },
    });
    full.stateless.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'geo:CalculateRoute',
            Resource: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(':route-calculator/switchboard-routes$')])] },
          }),
        ]),
      },
    });
  }, 60_000);
});
