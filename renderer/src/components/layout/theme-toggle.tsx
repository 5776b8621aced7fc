import { useEffect, useState } from 'react';
import { useStores, useUi } from '../../app/stores-context';
import { effectiveTheme } from '../../stores/ui-store';

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
    // back to "system" when the pick equals what the system wants anyway
    const next = other === (systemDark ? 'dark' : 'light') ? 'system' : other;
    ui.getState().setTheme(next);
    try {
      if (next === 'system') window.localStorage.removeItem('hookscope.theme');
      else window.localStorage.setItem('hookscope.theme', next);
    } catch {
      // storage disabled: the choice lasts for this page
    }
  }
  return (
    <button type="button" className="btn btn-ghost theme-toggle" aria-label={`Switch to ${other} theme`} title={`Switch to ${other} theme`} onClick={toggle}>
      <span aria-hidden="true">{theme === 'dark' ? '☀' : '☾'}</span>
    </button>
  );
}
