import type { Customer } from '../domain/directory.js';
import type { DirectoryRepository } from '../ports.js';

/**
 * The directory as one text sees it: a customer, and the customer a number links to, are read
 * from the store once however many steps ask (opening the conversation, resolving who is
 * texting, announcing an escalation). Writing a customer or a link through it forgets what was
 * read; everything else goes straight to the store. Made afresh for each attempt at a text.
 */
export function readingCustomersOnce(
  directory: DirectoryRepository,
  /** What the text has read already: a number's link, a customer. */
  known: { link?: { phone: string; customerId: string | undefined }; customer?: Customer } = {},
): DirectoryRepository {
  const customers = new Map<string, Promise<Customer | undefined>>();
  const links = new Map<string, Promise<string | undefined>>();
  if (known.link) links.set(known.link.phone, Promise.resolve(known.link.customerId));
  if (known.customer) customers.set(known.customer.id, Promise.resolve(known.customer));
  const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
    let value = cache.get(key);
    if (!value) {
      value = read();
      cache.set(key, value);
    }
    return value;
  };
  const forget = () => {
    customers.clear();
    links.clear();
  };
  const overrides: Partial<DirectoryRepository> = {
    getCustomer: (id) => once(customers, id, () => directory.getCustomer(id)),
    findCustomerIdByPhone: (phone) => once(links, phone, () => directory.findCustomerIdByPhone(phone)),
    linkPhone: (customerId, phone) => {
      forget();
      return directory.linkPhone(customerId, phone);
    },
    putCustomer: (customer) => {
      forget();
      return directory.putCustomer(customer);
    },
  };
  return new Proxy(directory, {
    get(target, key, receiver) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof DirectoryRepository];
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
