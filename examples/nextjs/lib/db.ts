// Stands in for the site's own database, in the shape of a Prisma client's model: enough for the
// server action to create an account and the account page to read it back. Kept on globalThis so
// every bundle of the server shares the one store.
export interface Account {
  id: string;
  fullName: string;
  phone: string;
  izinliCaptureId: string | null;
}

const store = globalThis as typeof globalThis & { exampleAccounts?: Map<string, Account> };
const accounts = (store.exampleAccounts ??= new Map<string, Account>());

export const db = {
  account: {
    async create({ data }: { data: Omit<Account, 'id'> }): Promise<Account> {
      const account = { id: crypto.randomUUID(), ...data };
      accounts.set(account.id, account);
      return account;
    },
    async findUnique({ where }: { where: { id: string } }): Promise<Account | null> {
      return accounts.get(where.id) ?? null;
    },
  },
};
