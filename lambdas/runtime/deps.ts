import type { ConversationDeps } from '../core/conversation/conversation-deps.js';
import type { AgentDeskDeps } from '../core/handoff/agent-desk.js';
import type { DeliveryDeps } from '../core/outbound/deliver-outbound.js';
import type { MetricsRecorder } from '../core/metrics.js';
import type { ReportSource } from '../core/report/build-report.js';
import type { AgentAuthenticator } from '../http/agent-auth.js';
import type { TechnicianAuthenticator } from '../http/technician-auth.js';
import type { NoticeDeps } from '../core/field/proactive-notices.js';

/** What each handler needs, built by each runtime's composition root (Lambda, local, tests). */
export interface WebhookDeps {
  conversation: ConversationDeps;
  /** Status callbacks update deliveries and may re-queue a send; they never send themselves. */
  delivery: Pick<DeliveryDeps, 'conversations' | 'outbound' | 'maxAttempts'>;
  twilioAuthToken: () => Promise<string>;
  publicBaseUrl: string;
  metrics: MetricsRecorder;
}

/** What the outbound sender (SQS consumer) needs. */
export interface SenderDeps extends DeliveryDeps {
  metrics: MetricsRecorder;
}

/** What the technician app's API needs. */
export interface TechnicianApiDeps {
  notices: NoticeDeps;
  authenticate: TechnicianAuthenticator;
}

/** What the agent API needs. */
export interface AgentApiDeps {
  desk: AgentDeskDeps;
  authenticate: AgentAuthenticator;
  /** The supervisors' report (GET /api/agent/report). */
  report: ReportSource;
  /** QueueWait is recorded when an agent claims a chat. */
  metrics: MetricsRecorder;
}

/** Builds a value on first use and keeps it for the life of the container. */
export function once<T>(build: () => T): () => T {
  let value: { built: T } | undefined;
  return () => (value ??= { built: build() }).built;
}

/** Like `once` for async values, but a failure is not kept: the next call tries again. */
export function onceAsync<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= build().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
