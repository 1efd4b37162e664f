/** `npm run bench:readme`: regenerates the README's bench block from bench/results.json without measuring anything. */
import { updateReadme } from '../bench/results-file';

console.log(updateReadme() ? 'README.md: bench block regenerated from bench/results.json.' : 'README.md: bench block already matches bench/results.json.');
