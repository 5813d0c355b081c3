// The queue's address: a PostgreSQL connection string, with an optional `schema` query parameter
// (default "cassino") naming the schema that holds one installation's tables, so that several
// installations can share a database. Addresses are shown without their password.
export const DEFAULT_SCHEMA = 'cassino';

export class QueueUsageError extends Error {}

export interface QueueAddress {
  /** What pg connects with (the schema parameter removed). */
  connectionString: string;
  schema: string;
  /** The address as printed: the password replaced by ***. */
  shown: string;
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    // Not a URL: show no part of it that could be a secret.
    return '(an unreadable address)';
  }
}

export function parseQueueUrl(url: string | undefined): QueueAddress {
  if (url === undefined || url === '') throw new QueueUsageError('expected the queue\'s address, a PostgreSQL connection string (postgres://user@host:port/database)');
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new QueueUsageError(`${redact(url)} is not a PostgreSQL connection string (expected postgres://user@host:port/database)`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new QueueUsageError(`${redact(url)} is not a PostgreSQL connection string (expected postgres:// or postgresql://, not ${u.protocol}//)`);
  }
  const schema = u.searchParams.get('schema') ?? DEFAULT_SCHEMA;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new QueueUsageError(`schema "${schema}" in ${redact(url)} is not a plain lower-case SQL name (letters, digits and _, not starting with a digit)`);
  }
  u.searchParams.delete('schema');
  return { connectionString: u.toString(), schema, shown: redact(url) };
}
