import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The folder Shomei keeps its stores in when none is given: the same folder Electron's
 * `app.getPath('userData')` names for an app called Shomei, so the desktop app and browser mode
 * share data on one machine.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Shomei');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Shomei');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Shomei');
}
