import { ThemeToggle } from './theme-toggle';
import { TunnelBadge } from './tunnel-badge';
import { ViewSwitcher } from './view-switcher';
import { HistorySwitcher } from './history-switcher';

export function TopBar() {
  return (
    <header className="top-bar">
      <h1 className="app-name">
        <span aria-hidden="true" className="logo">
          ⌁
        </span>
        Hookscope
      </h1>
      <HistorySwitcher />
      <ViewSwitcher />
      <div className="top-bar-right">
        <TunnelBadge />
        <ThemeToggle />
      </div>
    </header>
  );
}
