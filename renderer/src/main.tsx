import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { StoresContext } from './app/stores-context';
import { createClient } from './client/create-client';
import { createStores } from './stores/create-stores';
import type { ThemeChoice } from './stores/ui-store';
import './styles/app.css';

function savedTheme(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem('hookscope.theme');
    return saved === 'light' || saved === 'dark' ? saved : 'system';
  } catch {
    return 'system';
  }
}

const stores = createStores(createClient(), { theme: savedTheme() });
const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <StoresContext.Provider value={stores}>
      <App />
    </StoresContext.Provider>
  </StrictMode>,
);
