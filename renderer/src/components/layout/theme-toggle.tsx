import { useEffect, useState } from 'react';
import { useStores, useUi } from '../../app/stores-context';
import { effectiveTheme } from '../../stores/ui-store';
import { saveTheme, toggledTheme } from '../../lib/theme-choice';

const query = () => window.matchMedia('(prefers-color-scheme: dark)');

/** Follows the system until the user picks; the pick is remembered in localStorage. */
export function ThemeToggle() {
  const { ui } = useStores();
  const choice = useUi((s) => s.theme);
  const [systemDark, setSystemDark] = useState(() => query().matches);

  useEffect(() => {
    const mq = query();
    const onChange = () => setSystemDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);

  const theme = effectiveTheme(choice, systemDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  const other = theme === 'dark' ? 'light' : 'dark';
  function toggle() {
    const next = toggledTheme(choice, systemDark);
    ui.getState().setTheme(next);
    saveTheme(next);
  }
  return (
    <button type="button" className="btn btn-ghost theme-toggle" aria-label={`Switch to ${other} theme`} title={`Switch to ${other} theme`} onClick={toggle}>
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
