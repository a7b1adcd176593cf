import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createAppServices } from './context/services';
import './styles/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');

// Ask the browser engine never to evict this origin's IndexedDB under disk
// pressure: the records exist nowhere else until they are backed up.
void navigator.storage?.persist?.().catch(() => false);

const services = createAppServices();
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
