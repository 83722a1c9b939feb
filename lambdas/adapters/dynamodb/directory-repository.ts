import type { Appointment, AppointmentStatus, Customer, Technician, TechnicianLocation } from '../../core/domain/directory.js';
import { StaleWriteError } from '../../core/errors/stale-write.error.js';
import { PhoneTakenError } from '../../core/errors/phone-taken.error.js';
import { DEFAULT_AREA } from '../../core/schedule/schedule-service.js';
import type { DirectoryRepository } from '../../core/ports.js';
import { batchGetAll, isConditionFailure, queryAll, type DocumentClient } from './document-client.js';

export const customerKey = (id: string) => ({ pk: `CUSTOMER#${id}`, sk: 'PROFILE' });
export const phoneKey = (phone: string) => ({ pk: `PHONE#${phone}`, sk: 'PHONE' });
const technicianKey = (id: string) => ({ pk: `TECH#${id}`, sk: 'PROFILE' });
const appointmentKey = (id: string) => ({ pk: `APPT#${id}`, sk: 'APPT' });

function strip<T>(item: Record<string, unknown> | undefined, ...keys: string[]): T | undefined {
  if (!item) return undefined;
  const copy = { ...item };
  for (const key of ['pk', 'sk', ...keys]) delete copy[key];
  return copy as T;
}

export const toCustomer = (item: Record<string, unknown> | undefined) => strip<Customer>(item);

export class DynamoDirectoryRepository implements DirectoryRepository {
  constructor(
    private readonly client: DocumentClient,
    private readonly tableName: string,
  ) {}

  async findCustomerIdByPhone(phone: string): Promise<string | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: phoneKey(phone) });
    return item?.customerId as string | undefined;
  }

  async getCustomer(id: string): Promise<Customer | undefined> {
    return toCustomer(await this.client.get({ TableName: this.tableName, Key: customerKey(id) }));
  }

  async getCustomers(ids: string[]): Promise<Map<string, Customer>> {
    const customers = new Map<string, Customer>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 100) {
      const found = await batchGetAll(this.client, { [this.tableName]: { Keys: unique.slice(i, i + 100).map(customerKey) } });
      for (const item of found[this.tableName] ?? []) {
        const customer = toCustomer(item)!;
        customers.set(customer.id, customer);
      }
    }
    return customers;
  }

  async getTechnician(id: string): Promise<Technician | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: technicianKey(id) });
    return strip<Technician>(item);
  }

  async getAppointment(id: string): Promise<Appointment | undefined> {
    const item = await this.client.get({ TableName: this.tableName, Key: appointmentKey(id) });
    return strip<Appointment>(item, 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk');
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
      await this.client.update({
        TableName: this.tableName,
        Key: customerKey(customerId),
        UpdateExpression: 'SET phones = list_append(phones, :phone)',
        ConditionExpression: 'attribute_exists(pk) AND NOT contains(phones, :number)',
        ExpressionAttributeValues: { ':phone': [phone], ':number': phone },
      });
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
    await this.client.put({ TableName: this.tableName, Item: { ...customerKey(customer.id), ...customer } });
    const removed = (previous?.phones ?? []).filter((phone) => !customer.phones.includes(phone));
    await Promise.all(removed.map((phone) => this.releasePhone(customer.id, phone)));
  }

  /** Points a number at a customer unless it points at another one. */
  private async claimPhone(customerId: string, phone: string): Promise<boolean> {
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: { ...phoneKey(phone), customerId },
        ConditionExpression: 'attribute_not_exists(pk) OR customerId = :id',
        ExpressionAttributeValues: { ':id': customerId },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async releasePhone(customerId: string, phone: string): Promise<void> {
    try {
      await this.client.delete({
        TableName: this.tableName,
        Key: phoneKey(phone),
        ConditionExpression: 'customerId = :id',
        ExpressionAttributeValues: { ':id': customerId },
      });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putTechnician(technician: Technician): Promise<void> {
    const previous = await this.getTechnician(technician.id);
    await this.client.put({ TableName: this.tableName, Item: { ...technicianKey(technician.id), ...technician } });
    // The area roster: which technicians serve an area (one Query when rescheduling).
    const area = technician.serviceArea ?? DEFAULT_AREA;
    await this.client.put({ TableName: this.tableName, Item: { pk: `AREA#${area}`, sk: `TECH#${technician.id}`, technicianId: technician.id } });
    const before = previous ? (previous.serviceArea ?? DEFAULT_AREA) : undefined;
    if (before && before !== area) {
      await this.client.delete({ TableName: this.tableName, Key: { pk: `AREA#${before}`, sk: `TECH#${technician.id}` } });
    }
  }

  async saveAppointment(appointment: Appointment, expected: { status: AppointmentStatus[]; read: Appointment }): Promise<void> {
    const values: Record<string, unknown> = {
      ':date': expected.read.date,
      ':start': expected.read.window.start,
      ':tech': expected.read.technicianId,
    };
    expected.status.forEach((status, i) => (values[`:s${i}`] = status));
    try {
      await this.client.put({
        TableName: this.tableName,
        Item: this.appointmentItem(appointment),
        ConditionExpression: `#status IN (${expected.status.map((_, i) => `:s${i}`).join(', ')}) AND #date = :date AND #window.#start = :start AND technicianId = :tech`,
        ExpressionAttributeNames: { '#status': 'status', '#date': 'date', '#window': 'window', '#start': 'start' },
        ExpressionAttributeValues: values,
      });
    } catch (error) {
      if (isConditionFailure(error)) throw new StaleWriteError(`appointment ${appointment.id}`);
      throw error;
    }
  }

  async saveLocation(technicianId: string, location: TechnicianLocation): Promise<boolean> {
    try {
      await this.client.update({
        TableName: this.tableName,
        Key: technicianKey(technicianId),
        UpdateExpression: 'SET #location = :location',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(#location) OR #location.#at < :at)',
        ExpressionAttributeNames: { '#location': 'location', '#at': 'at' },
        ExpressionAttributeValues: { ':location': location, ':at': location.at },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async listTechniciansInArea(area: string): Promise<Technician[]> {
    const { Items = [] } = await this.client.query({
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AREA#${area}` },
    });
    const technicians = await Promise.all(Items.map((item) => this.getTechnician(item.technicianId as string)));
    return technicians.filter((technician): technician is Technician => technician !== undefined);
  }

  async claimSlot(slot: { technicianId: string; date: string; window: string }, capacity: number, booked: () => Promise<number>): Promise<boolean> {
    const Key = { pk: `SLOT#${slot.technicianId}#${slot.date}`, sk: slot.window };
    try {
      // First use of this slot: start the counter at what the route already holds.
      await this.client.put({ TableName: this.tableName, Item: { ...Key, booked: await booked() }, ConditionExpression: 'attribute_not_exists(pk)' });
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    try {
      await this.client.update({
        TableName: this.tableName,
        Key,
        UpdateExpression: 'SET booked = booked + :one',
        ConditionExpression: 'booked < :capacity',
        ExpressionAttributeValues: { ':one': 1, ':capacity': capacity },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async releaseSlot(slot: { technicianId: string; date: string; window: string }): Promise<void> {
    try {
      await this.client.update({
        TableName: this.tableName,
        Key: { pk: `SLOT#${slot.technicianId}#${slot.date}`, sk: slot.window },
        UpdateExpression: 'SET booked = booked - :one',
        ConditionExpression: 'booked > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      });
    } catch (error) {
      // A slot never counted (the visit was imported before any reschedule) has nothing to release.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putAppointment(appointment: Appointment): Promise<void> {
    await this.client.put({ TableName: this.tableName, Item: this.appointmentItem(appointment) });
  }

  private appointmentItem(appointment: Appointment) {
    return {
      ...appointmentKey(appointment.id),
      ...appointment,
      gsi1pk: `CUSTOMER#${appointment.customerId}`,
      gsi1sk: `APPT#${appointment.date}#${appointment.id}`,
      gsi2pk: `ROUTE#${appointment.technicianId}#${appointment.date}`,
      gsi2sk: `${String(appointment.sequence).padStart(4, '0')}#${appointment.id}`,
    };
  }

  private async queryAppointments(index: string, key: string, value: string): Promise<Appointment[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      IndexName: index,
      KeyConditionExpression: '#k = :v',
      ExpressionAttributeNames: { '#k': key },
      ExpressionAttributeValues: { ':v': value },
    });
    return items.map((item) => strip<Appointment>(item, 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk')!);
  }
}
