import { PanelApp } from '../../components/panel/PanelApp';

/** The panel page's root: the in-call panel (components/panel). */
export function App() {
  return <PanelApp />;
}
