import { PopupApp } from '../../components/popup/PopupApp';

export function App() {
  return <PopupApp />;
}
