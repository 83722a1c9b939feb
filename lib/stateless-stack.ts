import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { DomainName, HttpApi, HttpMethod, type HttpRoute, type IHttpRouteAuthorizer, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { SwitchboardConfig } from './config.js';
import { SwitchboardFunction, type SwitchboardFunctionProps } from './constructs/switchboard-function.js';
import { SwitchboardObservability } from './constructs/switchboard-observability.js';
import { OUTBOUND_SENDER_TIMEOUT, type StatefulStack } from './stateful-stack.js';

/** What the stateless stack needs from the stateful one: typed, so a missing piece fails to compile. */
export interface StatelessStackProps
  extends StackProps,
    Pick<
      StatefulStack,
      'directory' | 'conversations' | 'eventsTopic' | 'outboundQueue' | 'outboundDeadLetterQueue' | 'alarmsTopic' | 'agentUserPool' | 'agentUserPoolClient'
    > {
  readonly config: SwitchboardConfig;
}

/** Stage-wide default: far above one company's texting traffic, low enough to cap a flood or a retry storm. */
const DEFAULT_THROTTLE = { rateLimit: 50, burstLimit: 100 };

/** The routes that API Gateway lets through unauthenticated, and who authenticates them instead. */
const UNAUTHORIZED_ROUTE_REASONS = {
  twilio:
    'Twilio webhook: Twilio cannot send a bearer token; the handler checks X-Twilio-Signature over the configured URL and the body, which an authorizer never sees.',
  console: "The agent console page is static HTML with no data; the agent's Cognito token goes with each /api/agent/* call it makes, where the JWT authorizer checks it.",
  technician:
    "Technician app API: the handler checks each technician's bearer token against the Secrets Manager secret (TECHNICIAN_TOKENS_SECRET_ID) for that technician id.",
};

type FunctionSpec = Omit<SwitchboardFunctionProps, 'serviceName'>;

/**
 * Code and routing: the HTTP API and the functions behind it, their alarms and dashboard.
 * Holds no data, so it can be redeployed, or destroyed and recreated, at any time.
 */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  /** What Twilio signs requests against: the API's own endpoint or the configured public URL. */
  readonly publicBaseUrl: string;
  /** Every function of the environment, by construct id: the dashboard and alarms cover each. */
  readonly functions: Record<string, SwitchboardFunction> = {};

  private readonly config: SwitchboardConfig;
  /**
   * POWERTOOLS_SERVICE_NAME of every function: groups their logs and traces, and is the
   * `service` dimension of the product metrics, so two environments in one account stay apart.
   */
  private readonly serviceName: string;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.config = config;
    this.serviceName = `switchboard-${config.environmentName}`;
    // Created by ops before the first deploy (docs/deploy.md), so no token passes through CloudFormation.
    const twilioAuthToken = Secret.fromSecretNameV2(this, 'TwilioAuthToken', config.twilioAuthTokenSecretName);
    const technicianTokens = Secret.fromSecretNameV2(this, 'TechnicianTokens', config.technicianTokensSecretName);

    const domain = config.customDomain && {
      host: config.customDomain.domainName,
      resource: new DomainName(this, 'CustomDomain', {
        domainName: config.customDomain.domainName,
        certificate: Certificate.fromCertificateArn(this, 'CustomDomainCertificate', config.customDomain.certificateArn),
      }),
    };
    this.api = this.createApi(domain?.resource);
    this.publicBaseUrl = domain ? `https://${domain.host}` : (config.publicBaseUrl ?? this.api.apiEndpoint);

    const business = { BUSINESS_TIMEZONE: config.businessTimezone, COMPANY_NAME: config.companyName };
    const { directory, conversations, outboundQueue, eventsTopic } = props;

    const messages = this.addFunction('TwilioMessages', {
      entry: 'lambdas/handlers/twilio-messages.handler.ts',
      description: 'Inbound SMS/WhatsApp from Twilio: understands, answers in TwiML, records the transcript, escalates',
      environment: { ...business, PUBLIC_BASE_URL: this.publicBaseUrl, BUSINESS_HOURS: config.businessHours },
    })
      .bindTable(directory, 'DIRECTORY_TABLE', 'readWrite')
      .bindTable(conversations, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindSecret(twilioAuthToken, 'TWILIO_AUTH_TOKEN_SECRET_ID')
      .bindTopic(eventsTopic, 'EVENTS_TOPIC_ARN')
      .bindQueue(outboundQueue, 'OUTBOUND_QUEUE_URL');

    const status = this.addFunction('TwilioStatus', {
      entry: 'lambdas/handlers/twilio-status.handler.ts',
      description: 'Twilio delivery status callbacks: moves each outbound message forward, retries transient failures',
      environment: { ...business, PUBLIC_BASE_URL: this.publicBaseUrl },
    })
      .bindTable(directory, 'DIRECTORY_TABLE', 'read')
      .bindTable(conversations, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindSecret(twilioAuthToken, 'TWILIO_AUTH_TOKEN_SECRET_ID')
      .bindQueue(outboundQueue, 'OUTBOUND_QUEUE_URL');

    const agentApi = this.addFunction('AgentApi', {
      entry: 'lambdas/handlers/agent-api.handler.ts',
      description: 'Agent API: the queue, claim, reply, close (Cognito JWT checked by API Gateway)',
      environment: {
        ...business,
        AGENT_AUTH: 'cognito',
        AGENT_MAX_CHATS: String(config.agentMaxChats),
        QUEUE_IDLE_MINUTES: String(config.queueIdleMinutes),
        TWILIO_PHONE_NUMBER: config.twilioPhoneNumber,
      },
    })
      .bindTable(directory, 'DIRECTORY_TABLE', 'readWrite')
      .bindTable(conversations, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindTopic(eventsTopic, 'EVENTS_TOPIC_ARN')
      .bindQueue(outboundQueue, 'OUTBOUND_QUEUE_URL');

    const consolePage = this.addFunction('Console', {
      entry: 'lambdas/handlers/console.handler.ts',
      description: 'The agent console web page',
      memorySize: 256,
      copyFiles: ['lambdas/console/console-page.html'],
    });

    const technicianApi = this.addFunction('TechnicianApi', {
      entry: 'lambdas/handlers/technician-api.handler.ts',
      description: 'Technician app API: locations and job statuses, proactive customer messages',
      environment: business,
    })
      .bindTable(directory, 'DIRECTORY_TABLE', 'readWrite')
      .bindTable(conversations, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindSecret(technicianTokens, 'TECHNICIAN_TOKENS_SECRET_ID')
      .bindQueue(outboundQueue, 'OUTBOUND_QUEUE_URL');

    const sender = this.addFunction('OutboundSender', {
      entry: 'lambdas/handlers/outbound-sender.handler.ts',
      description: 'Sends queued outbound messages through the Twilio REST API; failures retry, then go to the DLQ',
      timeout: OUTBOUND_SENDER_TIMEOUT,
      environment: {
        ...business,
        TWILIO_ACCOUNT_SID: config.twilioAccountSid,
        TWILIO_PHONE_NUMBER: config.twilioPhoneNumber,
        PUBLIC_BASE_URL: this.publicBaseUrl,
      },
    })
      .bindTable(directory, 'DIRECTORY_TABLE', 'read')
      .bindTable(conversations, 'CONVERSATIONS_TABLE', 'readWrite')
      .bindSecret(twilioAuthToken, 'TWILIO_AUTH_TOKEN_SECRET_ID');
    sender.function.addEventSource(
      new SqsEventSource(outboundQueue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // Caps the send rate a backlog can hit Twilio with after an outage.
        maxConcurrency: 5,
      }),
    );

    // Road ETAs: the functions that tell customers or agents when the technician arrives.
    if (config.amazonLocationRouteCalculator) {
      for (const fn of [messages, agentApi, technicianApi]) fn.bindRouteCalculator(config.amazonLocationRouteCalculator, 'ROUTE_CALCULATOR_NAME');
    }

    const agentAuthorizer = new HttpUserPoolAuthorizer('AgentAuthorizer', props.agentUserPool, {
      userPoolClients: [props.agentUserPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    this.addRoute('TwilioMessages', '/webhooks/twilio/messages', HttpMethod.POST, messages, UNAUTHORIZED_ROUTE_REASONS.twilio);
    this.addRoute('TwilioStatus', '/webhooks/twilio/status', HttpMethod.POST, status, UNAUTHORIZED_ROUTE_REASONS.twilio);
    this.addRoute('AgentApi', '/api/agent/{proxy+}', HttpMethod.ANY, agentApi, agentAuthorizer);
    this.addRoute('Console', '/console', HttpMethod.GET, consolePage, UNAUTHORIZED_ROUTE_REASONS.console);
    this.addRoute('TechnicianLocation', '/api/technicians/{id}/location', HttpMethod.POST, technicianApi, UNAUTHORIZED_ROUTE_REASONS.technician);
    this.addRoute('JobStatus', '/api/jobs/{appointmentId}/status', HttpMethod.POST, technicianApi, UNAUTHORIZED_ROUTE_REASONS.technician);

    if (config.enableWaf) this.protectSignIn(props.agentUserPool);

    const observability = new SwitchboardObservability(this, 'Observability', {
      environmentName: config.environmentName,
      serviceName: this.serviceName,
      api: this.api,
      webhook: messages,
      functions: this.functions,
      outboundQueue,
      outboundDeadLetterQueue: props.outboundDeadLetterQueue,
      alarmsTopic: props.alarmsTopic,
    });

    new CfnOutput(this, 'WebhookUrl', {
      description: "Twilio number's Messaging webhook, A message comes in (HTTP POST); scripts/twilio-configure.ts sets it",
      value: `${this.publicBaseUrl}/webhooks/twilio/messages`,
    });
    new CfnOutput(this, 'StatusCallbackUrl', {
      description: "Twilio number's status callback URL (HTTP POST)",
      value: `${this.publicBaseUrl}/webhooks/twilio/status`,
    });
    new CfnOutput(this, 'PublicBaseUrl', {
      description: 'PUBLIC_BASE_URL: the base URL Twilio signatures are checked against',
      value: this.publicBaseUrl,
    });
    new CfnOutput(this, 'ConsoleUrl', { description: 'The agent console', value: `${this.publicBaseUrl}/console` });
    new CfnOutput(this, 'DashboardName', { description: 'CloudWatch dashboard of this environment', value: observability.dashboardName });
    if (domain) {
      new CfnOutput(this, 'CustomDomainTarget', {
        description: `Point a CNAME (or alias) record for ${domain.host} at this name`,
        value: domain.resource.regionalDomainName,
      });
    }
  }

  private createApi(domainName: DomainName | undefined): HttpApi {
    const api = new HttpApi(this, 'HttpApi', {
      apiName: `switchboard-${this.config.environmentName}`,
      description: 'Switchboard webhooks and APIs',
      // CORS stays off: webhooks are server-to-server, and the console calls the API from its own origin.
      createDefaultStage: false,
      // With a custom domain, Twilio's signature only matches on that host; close the other door.
      disableExecuteApiEndpoint: domainName !== undefined,
    });
    api.addStage('DefaultStage', {
      autoDeploy: true,
      throttle: DEFAULT_THROTTLE,
      domainMapping: domainName && { domainName },
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
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    return api;
  }

  /** A Switchboard function of this environment, registered for the dashboard and alarms. */
  private addFunction(id: string, spec: FunctionSpec): SwitchboardFunction {
    const fn = new SwitchboardFunction(this, id, { ...spec, serviceName: this.serviceName });
    this.functions[id] = fn;
    return fn;
  }

  /**
   * `method path` → the function, behind the JWT authorizer, or open with the reason someone
   * other than API Gateway authenticates the caller (recorded as the cdk-nag suppression).
   */
  private addRoute(id: string, path: string, method: HttpMethod, fn: SwitchboardFunction, auth: IHttpRouteAuthorizer | string): void {
    const [route] = this.api.addRoutes({
      path,
      methods: [method],
      integration: new HttpLambdaIntegration(`${id}Integration`, fn.function),
      authorizer: typeof auth === 'string' ? undefined : auth,
    }) as [HttpRoute];
    if (typeof auth === 'string') Validations.of(route).acknowledge({ id: 'AwsSolutions-APIG4', reason: auth });
  }

  /**
   * API Gateway HTTP APIs cannot be associated with AWS WAF (REST APIs, CloudFront, ALB and
   * Cognito can), so the web ACL guards the agents' sign-in: AWS managed common rules and a
   * per-IP rate limit against password spraying.
   */
  private protectSignIn(userPool: IUserPool): void {
    const visibility = (metricName: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });
    const webAcl = new CfnWebACL(this, 'SignInWebAcl', {
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(`switchboard-${this.config.environmentName}-sign-in`),
      rules: [
        {
          name: 'AWSManagedRulesCommonRuleSet',
          priority: 0,
          overrideAction: { none: {} },
          statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
          visibilityConfig: visibility('common-rule-set'),
        },
        {
          name: 'SignInRatePerIp',
          priority: 1,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 100, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('sign-in-rate-per-ip'),
        },
      ],
    });
    new CfnWebACLAssociation(this, 'SignInWebAclAssociation', { resourceArn: userPool.userPoolArn, webAclArn: webAcl.attrArn });
  }
}
