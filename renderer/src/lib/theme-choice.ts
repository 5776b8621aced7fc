/** The theme toggle's step (shared by the button and the command palette) and where the pick is kept. */
import type { ThemeChoice } from '../stores/ui-store';
import { effectiveTheme } from '../stores/ui-store';

export function systemPrefersDark(): boolean {
  return window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** the other theme; back to "system" when that is what the system wants anyway */
export function toggledTheme(choice: ThemeChoice, systemDark: boolean): ThemeChoice {
  const other = effectiveTheme(choice, systemDark) === 'dark' ? 'light' : 'dark';
  return other === (systemDark ? 'dark' : 'light') ? 'system' : other;
}

export function saveTheme(choice: ThemeChoice): void {
  try {
    if (choice === 'system') window.localStorage.removeItem('hookscope.theme');
    else window.localStorage.setItem('hookscope.theme', choice);
  } catch {
    // storage disabled: the choice lasts for this page
  }
}
