/** The bring-up API for other scripts (`npm start`, `npm test`); the command lines are up.ts and down.ts. */
export { bringUpInfrastructure, type BringUpOptions, type StartedInfrastructure } from './up';
export { bringDownInfrastructure, type BringDownOptions } from './down';
