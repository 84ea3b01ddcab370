/** One call with a client made for it, destroyed afterwards (its sockets closed) whatever happened. */
export async function withClient<C extends { destroy(): void }, T>(client: C, call: (client: C) => Promise<T>): Promise<T> {
  try {
    return await call(client);
  } finally {
    client.destroy();
  }
}
