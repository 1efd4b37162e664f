/**
 * Exports (Markdown scorecards, CSV, JSON backups) and backup import planning. Pure functions over
 * `InterviewBundle`s: no browser APIs, no database; the background handlers and the options page call them.
 */
export * from './labels';
export * from './markdown';
export * from './csv';
export * from './backup';
export * from './files';
export { formatDateTime } from './format';
export { formatOffset } from '../format';
