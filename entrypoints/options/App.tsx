import { OptionsApp } from '../../components/options/OptionsApp';

export function App() {
  return <OptionsApp />;
}
