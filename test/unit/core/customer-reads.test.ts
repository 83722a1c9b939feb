import { describe, expect, test } from 'vitest';
import { readingCustomersOnce } from '../../../lambdas/core/conversation/customer-reads.js';
import type { Customer } from '../../../lambdas/core/domain/directory.js';
import type { DirectoryRepository } from '../../../lambdas/core/ports.js';

/** A directory holding one customer, counting the reads that reach it. */
function directoryWith(customer: Customer) {
  const stored = { ...customer, phones: [...customer.phones] };
  const reads = { customer: 0, link: 0, appointments: 0 };
  const directory = {
    async getCustomer(id: string) {
      reads.customer++;
      return id === stored.id ? { ...stored, phones: [...stored.phones] } : undefined;
    },
    async findCustomerIdByPhone(phone: string) {
      reads.link++;
      return stored.phones.includes(phone) ? stored.id : undefined;
    },
    async linkPhone(_id: string, phone: string) {
      stored.phones.push(phone);
      return true;
    },
    async listCustomerAppointments() {
      reads.appointments++;
      return [];
    },
  } as unknown as DirectoryRepository;
  return { directory, reads };
}

describe('one text reads a customer once', () => {
  test('the customer and the number link are read from the store once, however many steps ask', async () => {
    const { directory, reads } = directoryWith({ id: 'C-1', name: 'Ana', phones: ['+15125550101'], language: 'en' });
    const text = readingCustomersOnce(directory);
    const [first, second] = await Promise.all([text.getCustomer('C-1'), text.getCustomer('C-1')]);
    expect(await text.findCustomerIdByPhone('+15125550101')).toBe('C-1');
    expect(await text.findCustomerIdByPhone('+15125550101')).toBe('C-1');
    expect(first).toEqual(second);
    expect(reads).toMatchObject({ customer: 1, link: 1 });
  });

  test('what the text read with its first batch (the link, the customer) is not read again', async () => {
    const ana: Customer = { id: 'C-1', name: 'Ana', phones: ['+15125550101'], language: 'en' };
    const { directory, reads } = directoryWith(ana);
    const text = readingCustomersOnce(directory, { link: { phone: '+15125550101', customerId: 'C-1' }, customer: ana });
    expect(await text.findCustomerIdByPhone('+15125550101')).toBe('C-1');
    expect(await text.getCustomer('C-1')).toEqual(ana);
    expect(reads).toMatchObject({ customer: 0, link: 0 });
  });

  test('after a number is linked through it, the customer read again has the number', async () => {
    const { directory, reads } = directoryWith({ id: 'C-1', name: 'Ana', phones: ['+15125550101'], language: 'en' });
    const text = readingCustomersOnce(directory);
    expect(await text.findCustomerIdByPhone('+15125550199')).toBeUndefined();
    await text.getCustomer('C-1');
    await text.linkPhone('C-1', '+15125550199');
    expect((await text.getCustomer('C-1'))?.phones).toContain('+15125550199');
    expect(await text.findCustomerIdByPhone('+15125550199')).toBe('C-1');
    expect(reads).toMatchObject({ customer: 2, link: 2 });
  });

  test('other reads go to the store every time (visits can change within a text)', async () => {
    const { directory, reads } = directoryWith({ id: 'C-1', name: 'Ana', phones: [], language: 'en' });
    const text = readingCustomersOnce(directory);
    await text.listCustomerAppointments('C-1');
    await text.listCustomerAppointments('C-1');
    expect(reads.appointments).toBe(2);
  });
});
