import type { AppInfo } from '../shared/contract/app';
import { AppNameGlyphs } from './components/AppNameGlyphs';
import { EnvironmentBar } from './features/environments/EnvironmentBar';
import { KeepStatus } from './features/tabs/KeepStatus';
import type { KeepState } from './features/tabs/use-hot-exit';
import { ThemeSwitch } from './features/theme/ThemeSwitch';

/** The window's header: the name and version, whether the open tabs are kept, the theme, the environment, Credentials and Import. */
export function AppHeader({
  info,
  keepState,
  onCredentials,
  onImport,
}: {
  info: AppInfo | undefined;
  keepState: KeepState;
  onCredentials(): void;
  onImport(): void;
}) {
  return (
    <header className="app-header">
      <h1>
        Shomei <AppNameGlyphs />
      </h1>
      <span className="host-info">
        {info ? `v${info.version} · ${info.host === 'electron' ? 'desktop' : 'browser mode'}` : ''}
      </span>
      <KeepStatus state={keepState} />
      <span className="header-spacer" />
      <ThemeSwitch />
      <EnvironmentBar />
      <button type="button" onClick={onCredentials}>
        Credentials
      </button>
      <button type="button" onClick={onImport}>
        Import
      </button>
    </header>
  );
}
