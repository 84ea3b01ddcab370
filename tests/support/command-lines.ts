import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Whether this machine shows other processes' command lines (Linux `/proc`), as an attacker on it reads them. */
export const canReadCommandLines = existsSync('/proc/self/cmdline');

/**
 * The command lines of this machine's processes that hold `secret` right now, as another user of
 * the machine can read them (`ps`, `/proc/<pid>/cmdline`); none where `/proc` is absent.
 */
export function commandLinesHolding(secret: string): string[] {
  if (!canReadCommandLines) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let line: string;
    try {
      line = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    if (line.includes(secret)) found.push(line.replace(/\0/g, ' ').trim());
  }
  return found;
}
