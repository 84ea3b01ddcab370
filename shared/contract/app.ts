import { z } from 'zod';

/** Facts about the running host, shown in the status bar. */
export const AppInfoSchema = z.object({
  name: z.literal('Shomei'),
  version: z.string(),
  host: z.enum(['electron', 'browser', 'test']),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

/** Channels of the `app` domain. */
export const appChannels = {
  'app:info': { input: z.object({}).strict(), output: AppInfoSchema },
} as const;
