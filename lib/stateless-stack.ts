import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { SwitchboardConfig } from './config.js';
import { SwitchboardFunction } from './constructs/switchboard-function.js';

/** What the stateless stack needs from the stateful one: typed, so a missing piece fails to compile. */
export interface StatelessStackProps extends StackProps {
  readonly config: SwitchboardConfig;
  readonly directoryTable: ITable;
  readonly conversationsTable: ITable;
}

export interface TwilioWebhookProps {
  /** Route path, e.g. `/webhooks/twilio/status`. */
  readonly path: string;
  /** Handler file relative to the project root. */
  readonly entry: string;
  readonly description: string;
}

/** Stage-wide default: far above one company's texting traffic, low enough to cap a flood or a retry storm. */
const WEBHOOK_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/**
 * Code and routing: the HTTP API and the functions behind it. Holds no data, so it can be
 * redeployed, or destroyed and recreated, at any time.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** What Twilio signs requests against: the API's own endpoint or the configured public URL. */
  readonly publicBaseUrl: string;

  private readonly directoryTable: ITable;
  private readonly conversationsTable: ITable;
  private readonly twilioAuthToken: ISecret;
  private readonly config: SwitchboardConfig;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.config = props.config;
    this.directoryTable = props.directoryTable;
    this.conversationsTable = props.conversationsTable;
    // Created by ops before the first deploy (docs/deploy.md), so the token never passes through CloudFormation.
    this.twilioAuthToken = Secret.fromSecretNameV2(this, 'TwilioAuthToken', props.config.twilioAuthTokenSecretName);

    const { customDomain } = props.config;
    const domain = customDomain && {
      host: customDomain.domainName,
      resource: new DomainName(this, 'CustomDomain', {
        domainName: customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'CustomDomainCertificate', customDomain.certificateArn),
      }),
    };

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `switchboard-${props.config.environmentName}`,
      description: 'Switchboard webhooks and APIs',
      // CORS stays off: webhooks are server-to-server calls from Twilio.
      createDefaultStage: false,
      // With a custom domain, Twilio's signature only matches on that host; close the other door.
      disableExecuteApiEndpoint: domain !== undefined,
    });
    this.api.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: WEBHOOK_THROTTLE,
      domainMapping: domain && { domainName: domain.resource },
      accessLogSettings: {
        destination: new LogGroupLogDestination(new LogGroup(this, 'AccessLogs', { retention: RetentionDays.ONE_MONTH })),
        // No source IP, query string or body: access logs carry no customer data.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLatency: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    this.publicBaseUrl = domain ? `https://${domain.host}` : (props.config.publicBaseUrl ?? this.api.apiEndpoint);

    const messages = this.addTwilioWebhook('TwilioMessages', {
      path: '/webhooks/twilio/messages',
      entry: 'lambdas/handlers/twilio-messages.handler.ts',
      description: 'Inbound SMS/WhatsApp from Twilio: understands, answers in TwiML, records the transcript',
    });

    new CfnOutput(this, 'WebhookUrl', {
      description: "Paste into the Twilio number's Messaging webhook (HTTP POST)",
      value: `${this.publicBaseUrl}${messages.path}`,
    });
    new CfnOutput(this, 'PublicBaseUrl', {
      description: 'PUBLIC_BASE_URL: the base URL Twilio signatures are checked against',
      value: this.publicBaseUrl,
    });
    if (domain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        description: `Point a CNAME (or alias) record for ${domain.host} at this name`,
        value: domain.resource.regionalDomainName,
      });
    }
  }

  /**
   * A Twilio-signed webhook: one function with the tables, the auth token secret and the
   * public URL it verifies signatures against, behind `POST path`. Adding the status
   * callback is one more call.
   */
  addTwilioWebhook(id: string, props: TwilioWebhookProps): { fn: SwitchboardFunction; path: string } {
    const fn = new SwitchboardFunction(this, id, {
      entry: props.entry,
      description: props.description,
      serviceName: 'switchboard',
      environment: {
        PUBLIC_BASE_URL: this.publicBaseUrl,
        BUSINESS_TIMEZONE: this.config.businessTimezone,
        COMPANY_NAME: this.config.companyName,
      },
    })
      .bindTable(this.directoryTable, 'DIRECTORY_TABLE', 'readWrite')
      .bindTable(this.conversationsTable, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindSecret(this.twilioAuthToken, 'TWILIO_AUTH_TOKEN_SECRET_ID');

    this.api.addRoutes({
      path: props.path,
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration(`${id}Integration`, fn.function),
    });
    return { fn, path: props.path };
  }
}
