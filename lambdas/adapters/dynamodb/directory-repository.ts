import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
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

  async linkPhone(customerId: string, phone: string): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...phoneKey(phone), customerId },
                ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
                ExpressionAttributeValues: { ':id': customerId },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: customerKey(customerId),
                UpdateExpression: 'SET phones = list_append(phones, :phone)',
                ConditionExpression: 'attribute_exists(pk) AND NOT contains(phones, :number)',
                ExpressionAttributeValues: { ':phone': [phone], ':number': phone },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Already linked to this customer (a retry) is success; linked to another is not.
      return (await this.findCustomerIdByPhone(phone)) === customerId;
    }
  }

  /**
   * Upserts a customer and its phone links in one transaction: numbers it no longer has
   * are unlinked, and a number that belongs to another customer fails the whole write.
   */
  async putCustomer(customer: Customer): Promise<void> {
    const previous = await this.getCustomer(customer.id);
    const removed = (previous?.phones ?? []).filter((phone) => !customer.phones.includes(phone));
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: { ...customerKey(customer.id), ...customer } } },
            ...customer.phones.map((phone) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...phoneKey(phone), customerId: customer.id },
                ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
                ExpressionAttributeValues: { ':id': customer.id },
              },
            })),
            ...removed.map((phone) => ({
              Delete: {
                TableName: this.tableName,
                Key: phoneKey(phone),
                ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
                ExpressionAttributeValues: { ':id': customer.id },
              },
            })),
          ],
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new PhoneTakenError(`a phone number of customer ${customer.id} belongs to another customer`);
      }
      throw error;
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
