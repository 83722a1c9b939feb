import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Appointment, Customer, Technician } from '../../core/domain/directory.js';
import { PhoneTakenError } from '../../core/errors/phone-taken.error.js';
import type { DirectoryRepository } from '../../core/ports.js';
import { isConditionFailure } from './document-client.js';

const customerKey = (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'PROFILE' });
const phoneKey = (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'PHONE' });
const technicianKey = (id: string) => ({ pk: `TECH#${id}`, sk: 'PROFILE' });
const appointmentKey = (id: string) => ({ pk: `APPT#${id}`, sk: 'APPT' });

function strip<T>(item: Record<string, unknown> | undefined, ...keys: string[]): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const key of ['pk', 'sk', ...keys]) delete copy[key];
  return copy as T;
}

export class DynamoDirectoryRepository implements DirectoryRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findCustomerIdByPhone(phone: string): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: phoneKey(phone) }));
    return Item?.customerId as string | undefined;
  }

  async getCustomer(id: string): Promise<Customer | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: customerKey(id) }));
    return strip<Customer>(Item);
  }

  async getTechnician(id: string): Promise<Technician | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: technicianKey(id) }));
    return strip<Technician>(Item);
  }

  async getAppointment(id: string): Promise<Appointment | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: appointmentKey(id) }));
    return strip<Appointment>(Item, 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk');
  }

  async listCustomerAppointments(customerId: string): Promise<Appointment[]> {
    return this.queryAppointments('byCustomer', 'gsi1pk', `CUSTOMER#${customerId}`);
  }

  async listRoute(technicianId: string, date: string): Promise<Appointment[]> {
    return this.queryAppointments('byRoute', 'gsi2pk', `ROUTE#${technicianId}#${date}`);
  }

  // DynamoDB transactions are not available in the embedded store, so multi-item writes
  // are ordered conditional writes that undo their own partial work on failure.

  async linkPhone(customerId: string, phone: string): Promise<boolean> {
    if (!(await this.claimPhone(customerId, phone))) return false;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: customerKey(customerId),
          UpdateExpression: 'SET phones = list_append(phones, :phone)',
          ConditionExpression: 'attribute_exists(pk) AND NOT contains(phones, :number)',
          ExpressionAttributeValues: { ':phone': [phone], ':number': phone },
        }),
      );
    } catch (error) {
      // Already on the customer's list: a retry of this same link.
      if (!isConditionFailure(error)) throw error;
    }
    return true;
  }

  /**
   * Upserts a customer and its phone links: numbers it no longer has are unlinked, and a
   * number that belongs to another customer fails the write with nothing left behind.
   */
  async putCustomer(customer: Customer): Promise<void> {
    const previous = await this.getCustomer(customer.id);
    const claimed: string[] = [];
    for (const phone of customer.phones) {
      const alreadyOurs = previous?.phones.includes(phone) ?? false;
      if (!(await this.claimPhone(customer.id, phone))) {
        await Promise.all(claimed.map((number) => this.releasePhone(customer.id, number)));
        throw new PhoneTakenError(`phone number ending ${phone.slice(-4)} belongs to another customer`);
      }
      if (!alreadyOurs) claimed.push(phone);
    }
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...customerKey(customer.id), ...customer } }));
    const removed = (previous?.phones ?? []).filter((phone) => !customer.phones.includes(phone));
    await Promise.all(removed.map((phone) => this.releasePhone(customer.id, phone)));
  }

  /** Points a number at a customer unless it points at another one. */
  private async claimPhone(customerId: string, phone: string): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...phoneKey(phone), customerId },
          ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async releasePhone(customerId: string, phone: string): Promise<void> {
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: phoneKey(phone),
          ConditionExpression: 'customerId = :id',
          ExpressionAttributeValues: { ':id': customerId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putTechnician(technician: Technician): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...technicianKey(technician.id), ...technician } }));
  }

  async putAppointment(appointment: Appointment): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...appointmentKey(appointment.id),
          ...appointment,
          gsi1pk: `CUSTOMER#${appointment.customerId}`,
          gsi1sk: `APPT#${appointment.date}#${appointment.id}`,
          gsi2pk: `ROUTE#${appointment.technicianId}#${appointment.date}`,
          gsi2sk: `${String(appointment.sequence).padStart(4, '0')}#${appointment.id}`,
        },
      }),
    );
  }

  private async queryAppointments(index: string, key: string, value: string): Promise<Appointment[]> {
    const appointments: Appointment[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: index,
          KeyConditionExpression: '#k = :v',
          ExpressionAttributeNames: { '#k': key },
          ExpressionAttributeValues: { ':v': value },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        appointments.push(strip<Appointment>(item, 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk')!);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return appointments;
  }
}
