import { useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const KEY = 'shomei.theme';

/** Applies a theme choice to the page: `system` follows the OS (prefers-color-scheme). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
}

/** The saved choice (a display preference, kept in the window's own storage). */
export function savedTheme(): Theme {
  const value = localStorage.getItem(KEY);
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Light, dark, or follow the operating system. */
export function ThemeSwitch() {
  const [theme, setTheme] = useState<Theme>(savedTheme);
  return (
    <select
      aria-label="Theme"
      value={theme}
      onChange={(event) => {
        const next = event.target.value as Theme;
        setTheme(next);
        localStorage.setItem(KEY, next);
        applyTheme(next);
      }}
    >
      <option value="system">Theme: system</option>
      <option value="light">Theme: light</option>
      <option value="dark">Theme: dark</option>
    </select>
  );
}
