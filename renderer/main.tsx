import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { RestoreSession } from './features/tabs/RestoreSession';
import { applyTheme, savedTheme } from './features/theme/ThemeSwitch';
import './styles.css';

applyTheme(savedTheme());
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <RestoreSession>{(restored) => <App restored={restored} />}</RestoreSession>
    </StrictMode>,
  );
}
