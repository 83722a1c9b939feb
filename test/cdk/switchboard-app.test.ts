import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { coreSettingsSchema, readSettings, storeSettingsSchema, webhookSettingsSchema } from '../../lambdas/runtime/config.js';
import { describeValue, logicalIdOf, synthSwitchboard } from './synth-switchboard.js';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };
const asList = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('the Switchboard CDK app, as cdk.json configures it', () => {
  let app: ReturnType<typeof synthSwitchboard>;
  let ids: { directory: string; conversations: string; key: string; fn: string; api: string; eventsTopic: string; outboundQueue: string };
  let producerOutputs: Parameters<typeof describeValue>[1];
  const describeInStateless = (value: unknown) => describeValue(value, producerOutputs);

  beforeAll(() => {
    // Arrange: the real app, its webhook bundled by the real local esbuild.
    app = synthSwitchboard();
    producerOutputs = app.stateful.toJSON().Outputs;
    ids = {
      directory: logicalIdOf(app.stateful, 'AWS::DynamoDB::Table', '/DirectoryTable/Resource'),
      conversations: logicalIdOf(app.stateful, 'AWS::DynamoDB::Table', '/ConversationsTable/Resource'),
      key: logicalIdOf(app.stateful, 'AWS::KMS::Key', '/DataKey/Resource'),
      fn: logicalIdOf(app.stateless, 'AWS::Lambda::Function', '/TwilioMessages/Function/Resource'),
      api: logicalIdOf(app.stateless, 'AWS::ApiGatewayV2::Api', '/HttpApi/Resource'),
      eventsTopic: logicalIdOf(app.stateful, 'AWS::SNS::Topic', '/EventsTopic/Resource'),
      outboundQueue: logicalIdOf(app.stateful, 'AWS::SQS::Queue', '/OutboundQueue/Resource'),
    };
  });

  describe('stateful stack: data survives any deploy', () => {
    it('keeps both tables on demand, with point-in-time recovery, encrypted by the customer-managed key, retained', () => {
      app.stateful.resourceCountIs('AWS::DynamoDB::Table', 2);
      app.stateful.allResources('AWS::DynamoDB::Table', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [ids.key, 'Arn'] } },
          DeletionProtectionEnabled: true,
        }),
      });
    });

    it('rotates the data key and never deletes it with the stack', () => {
      app.stateful.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({ EnableKeyRotation: true }),
      });
      expect(app.stacks.stateful.terminationProtection).toBe(true);
    });

    it('gives the directory the keys and indexes its access patterns use', () => {
      const { Properties } = app.stateful.toJSON().Resources[ids.directory];
      expect(keysOf(Properties.KeySchema)).toEqual(['pk:HASH', 'sk:RANGE']);
      expect(indexesOf(Properties)).toEqual({ byCustomer: ['gsi1pk:HASH', 'gsi1sk:RANGE'], byRoute: ['gsi2pk:HASH', 'gsi2sk:RANGE'] });
    });

    it('gives conversations a queue index and expires idempotency records through expiresAt', () => {
      const { Properties } = app.stateful.toJSON().Resources[ids.conversations];
      expect(keysOf(Properties.KeySchema)).toEqual(['pk:HASH', 'sk:RANGE']);
      expect(indexesOf(Properties)).toEqual({ byQueue: ['queuePk:HASH', 'queueSk:RANGE'] });
      expect(Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    });

    it('outputs the table names an import script needs', () => {
      app.stateful.hasOutput('DirectoryTableName', { Value: { Ref: ids.directory } });
      app.stateful.hasOutput('ConversationsTableName', { Value: { Ref: ids.conversations } });
    });
  });

  describe('webhook function', () => {
    it('runs Node.js 22 on ARM64 with 512 MB, 10 s, tracing and a log group with retention', () => {
      app.stateless.hasResourceProperties('AWS::Lambda::Function', {
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 512,
        Timeout: 10,
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
      });
      const logGroupId = app.stateless.toJSON().Resources[ids.fn].Properties.LoggingConfig.LogGroup.Ref;
      expect(app.stateless.toJSON().Resources[logGroupId].Properties.RetentionInDays).toBeGreaterThan(0);
    });

    it('ships an esbuild bundle of the real handler entry as minified ESM with a source map', () => {
      const assetPath = app.stateless.toJSON().Resources[ids.fn].Metadata['aws:asset:path'] as string;
      const bundleDir = join(app.assembly.directory, assetPath);
      const bundle = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
      expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
      expect(bundle).toMatch(/export\s*\{[^}]*as handler/);
      expect(bundle).toContain('createRequire');
      app.stateless.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler' });
    });

    it('gets exactly the settings the Lambda runtime reads, wired to the real resources', () => {
      const variables = app.stateless.toJSON().Resources[ids.fn].Properties.Environment.Variables as Record<string, unknown>;
      const described = Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, describeInStateless(value)]));
      expect(described).toEqual({
        DIRECTORY_TABLE: `\${${ids.directory}}`,
        CONVERSATIONS_TABLE: `\${${ids.conversations}}`,
        PUBLIC_BASE_URL: `\${${ids.api}.ApiEndpoint}`,
        BUSINESS_TIMEZONE: 'America/Chicago',
        COMPANY_NAME: 'Switchboard Home Services',
        TWILIO_AUTH_TOKEN_SECRET_ID: 'switchboard/dev/twilio-auth-token',
        BUSINESS_HOURS: 'Mon-Fri 08:00-18:00; Sat 09:00-13:00',
        EVENTS_TOPIC_ARN: `\${${ids.eventsTopic}}`,
        OUTBOUND_QUEUE_URL: `\${${ids.outboundQueue}}`,
        POWERTOOLS_SERVICE_NAME: 'switchboard-dev',
        POWERTOOLS_METRICS_NAMESPACE: 'Switchboard',
        POWERTOOLS_LOGGER_LOG_EVENT: 'false',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('satisfies the settings schemas the Lambda runtime validates at cold start', () => {
      const variables = app.stateless.toJSON().Resources[ids.fn].Properties.Environment.Variables as Record<string, unknown>;
      // Values CloudFormation fills in at deploy time, as they will look then.
      const deployed = Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [
          name,
          typeof value === 'string' ? value : name === 'PUBLIC_BASE_URL' ? 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com' : `deployed-${name}`,
        ]),
      );
      const runtimeSchema = coreSettingsSchema.extend(storeSettingsSchema.shape).extend(webhookSettingsSchema.shape);

      const settings = readSettings(runtimeSchema, deployed);

      expect(settings).toMatchObject({ DIRECTORY_TABLE: 'deployed-DIRECTORY_TABLE', BUSINESS_TIMEZONE: 'America/Chicago' });
    });
  });

  describe('least privilege', () => {
    const functionStatements = () => {
      const roleId = app.stateless.toJSON().Resources[ids.fn].Properties.Role['Fn::GetAtt'][0] as string;
      const policies = Object.values(app.stateless.findResources('AWS::IAM::Policy')).filter((policy) =>
        (policy.Properties.Roles as { Ref: string }[]).some((role) => role.Ref === roleId),
      );
      return policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
    };
    const resourcesFor = (prefix: string) =>
      functionStatements()
        .filter((statement) => asList(statement.Action).some((action) => action.startsWith(prefix)))
        .flatMap((statement) => asList(statement.Resource).map(describeInStateless))
        .sort();

    it('lets the function use DynamoDB on the two tables and their named indexes only', () => {
      expect(resourcesFor('dynamodb:')).toEqual(
        [
          `\${${ids.conversations}.Arn}`,
          `\${${ids.conversations}.Arn}/index/byQueue`,
          `\${${ids.directory}.Arn}`,
          `\${${ids.directory}.Arn}/index/byCustomer`,
          `\${${ids.directory}.Arn}/index/byRoute`,
        ].sort(),
      );
    });

    it('lets the function read the Twilio auth token secret and nothing else in Secrets Manager', () => {
      const actions = functionStatements()
        .flatMap((statement) => asList(statement.Action))
        .filter((action) => action.startsWith('secretsmanager:'));
      expect(actions).toContain('secretsmanager:GetSecretValue');
      expect(actions.every((action) => ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'].includes(action))).toBe(true);
      expect(resourcesFor('secretsmanager:')).toEqual([
        'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:switchboard/dev/twilio-auth-token-??????',
      ]);
    });

    it('lets the function use the data key only, for the tables, topic and queue', () => {
      expect(resourcesFor('kms:')).toEqual([`\${${ids.key}.Arn}`]);
    });
  });

  describe('HTTP API', () => {
    it('routes POST /webhooks/twilio/messages to the webhook function without an authorizer (the handler checks the signature)', () => {
      const integrationId = logicalIdOf(app.stateless, 'AWS::ApiGatewayV2::Integration', '/TwilioMessagesIntegration/Resource');
      app.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
        RouteKey: 'POST /webhooks/twilio/messages',
        AuthorizationType: 'NONE',
        Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      });
      app.stateless.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
        IntegrationType: 'AWS_PROXY',
        PayloadFormatVersion: '2.0',
        IntegrationUri: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
      });
    });

    it('throttles by default, logs access without customer data, and has CORS off', () => {
      app.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
        AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.not(Match.stringLikeRegexp('sourceIp|requestBody|path')) },
      });
      app.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    });

    it('outputs the webhook URL to paste into Twilio', () => {
      const output = app.stateless.toJSON().Outputs.WebhookUrl;
      expect(describeInStateless(output.Value)).toBe(`\${${ids.api}.ApiEndpoint}/webhooks/twilio/messages`);
    });
  });
});

describe('the Switchboard CDK app behind a public URL of its own', () => {
  it('signs against the configured publicBaseUrl and tells Twilio to call it', () => {
    const app = synthSwitchboard({ publicBaseUrl: 'https://sms.example.com/' });

    app.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: 'https://sms.example.com' }) },
    });
    app.stateless.hasOutput('WebhookUrl', { Value: 'https://sms.example.com/webhooks/twilio/messages' });
  });

  it('serves a custom domain, signs against it, and closes the execute-api endpoint', () => {
    const app = synthSwitchboard({
      customDomain: {
        domainName: 'sms.example.com',
        certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc-123',
      },
    });

    app.stateless.hasResourceProperties('AWS::ApiGatewayV2::DomainName', { DomainName: 'sms.example.com' });
    app.stateless.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    app.stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    app.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ PUBLIC_BASE_URL: 'https://sms.example.com' }) },
    });
    app.stateless.hasOutput('WebhookUrl', { Value: 'https://sms.example.com/webhooks/twilio/messages' });
    app.stateless.hasOutput('CustomDomainTarget', {});
  });
});

function keysOf(schema: { AttributeName: string; KeyType: string }[]): string[] {
  return schema.map((key) => `${key.AttributeName}:${key.KeyType}`);
}

function indexesOf(properties: { GlobalSecondaryIndexes?: { IndexName: string; KeySchema: { AttributeName: string; KeyType: string }[] }[] }) {
  return Object.fromEntries((properties.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, keysOf(index.KeySchema)]));
}
