import { z } from 'zod';
import { AuthSecretIdSchema } from './auth';

/** Channels of the `auth` domain. */
export const authChannels = {
  /**
   * Values typed into secret auth fields (a bearer token, a password, an API key), written to the
   * vault under the ids the saved auth names. One way only: nothing reads them back to the window.
   */
  'auth:store-secrets': {
    input: z
      .object({
        values: z
          .array(
            z
              .object({
                id: AuthSecretIdSchema,
                value: z
                  .string()
                  .min(1)
                  .max(64 * 1024),
              })
              .strict(),
          )
          .min(1)
          .max(50),
      })
      .strict(),
    output: z.object({ storedCount: z.number().int() }),
  },
} as const;
